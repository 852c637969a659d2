package io.secumon.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void write_escapesStringsAndWritesNonFiniteAsNull() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("s", "a\"b\\c\nd\u0001");
        doc.put("n", 1.5);
        doc.put("whole", 3.0);
        doc.put("nan", Double.NaN);
        doc.put("list", List.of("x", true));

        String json = JsonWriter.write(doc);

        assertThat(json).isEqualTo("{\"s\":\"a\\\"b\\\\c\\nd\\u0001\",\"n\":1.5,\"whole\":3,\"nan\":null,"
                + "\"list\":[\"x\",true]}");
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) JsonReader.parse(json);
        assertThat(parsed).containsEntry("s", "a\"b\\c\nd\u0001").containsEntry("whole", 3.0);
    }
}
