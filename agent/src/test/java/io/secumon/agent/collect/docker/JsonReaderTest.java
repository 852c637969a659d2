package io.secumon.agent.collect.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void parse_readsNestedObjectsArraysAndEveryScalar() {
        Object json = JsonReader.parse("""
                { "Names": ["/web", "/alias"], "n": -12.5e2, "i": 3, "ok": true, "no": false, "nil": null,
                  "nested": {"grid": [[1, 2], [], [{"x": "y"}]], "empty": {}} }
                """);

        assertThat(JsonReader.at(json, "Names")).isEqualTo(List.of("/web", "/alias"));
        assertThat(JsonReader.at(json, "n")).isEqualTo(-1250.0);
        assertThat(JsonReader.number(json, 0, "i")).isEqualTo(3.0);
        assertThat(JsonReader.at(json, "ok")).isEqualTo(true);
        assertThat(JsonReader.at(json, "no")).isEqualTo(false);
        assertThat(((Map<?, ?>) json).containsKey("nil")).isTrue();
        assertThat(JsonReader.at(json, "nil")).isNull();
        assertThat(JsonReader.at(json, "nested", "grid"))
                .isEqualTo(List.of(List.of(1.0, 2.0), List.of(), List.of(Map.of("x", "y"))));
        assertThat(JsonReader.at(json, "nested", "empty")).isEqualTo(Map.of());
    }

    @Test
    void parse_decodesStringEscapes() {
        Object json = JsonReader.parse("[\"a\\\"b\\\\c\\/d\\n\\t\\r\\b\\f\", \"\\u00e9\\u20AC\", \"caf\u00e9\"]");

        assertThat(json).isEqualTo(Arrays.asList("a\"b\\c/d\n\t\r\b\f", "\u00e9\u20ac", "caf\u00e9"));
    }

    @Test
    void at_andNumber_fallBackWhereAStepIsMissing() {
        Object json = JsonReader.parse("{\"memory_stats\": {}, \"s\": \"text\"}");

        assertThat(JsonReader.at(json, "memory_stats", "usage")).isNull();
        assertThat(JsonReader.at(json, "s", "deeper")).isNull();
        assertThat(JsonReader.number(json, -1, "memory_stats", "usage")).isEqualTo(-1);
        assertThat(JsonReader.number(json, -1, "s")).isEqualTo(-1);
    }

    @Test
    void parse_rejectsMalformedInput() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "\"open", "tru", "[1] x", "{\"a\":1,}", "\"\\x\"", "-")) {
            assertThatThrownBy(() -> JsonReader.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
