package io.secumon.api.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secumon.api.problem.ApiProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void encode_thenDecode_givesTheSameKey_evenWithUnusualText() {
        Cursor cursor = Cursor.of("web-1 ü ✓", "", "a:b/c");

        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void decode_refusesWhatThisApiDidNotIssue() {
        for (String forged : List.of("forged", "", "AA", Cursor.of("x").encode() + "AAAA", "!!!")) {
            assertThatThrownBy(() -> Cursor.decode(forged))
                    .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.slug()).isEqualTo("bad-cursor"));
        }
    }

    @Test
    void part_refusesAMissingOrUnparsablePart() {
        Cursor cursor = Cursor.of("not-a-number");

        assertThat(cursor.<String>part(0, s -> s)).isEqualTo("not-a-number");
        assertThatThrownBy(() -> cursor.part(1, s -> s)).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> cursor.part(0, Integer::parseInt)).isInstanceOf(ApiProblem.class);
    }
}
