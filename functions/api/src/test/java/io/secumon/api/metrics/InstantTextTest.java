package io.secumon.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantTextTest {

    @Test
    void write_isInstantToString_forEveryKindOfFraction() {
        for (String text : new String[] {"1970-01-01T00:00:00Z", "2026-11-21T10:15:00Z", "2024-02-29T23:59:59.999Z",
                "2000-03-01T00:00:00.000001Z", "2100-02-28T12:00:00.123456789Z", "9999-12-31T23:59:59.999999999Z",
                "1999-12-31T23:59:59.5Z"}) {
            assertThat(written(Instant.parse(text))).isEqualTo(Instant.parse(text).toString());
        }
    }

    @Test
    void write_isInstantToString_forRandomInstants() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(0, 253_402_300_800L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(written(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void write_leavesYearsOutside1970To9999ToInstantToString() {
        char[] out = new char[InstantText.MAX_LENGTH];

        assertThat(InstantText.write(Instant.parse("1969-12-31T23:59:59Z"), out)).isEqualTo(-1);
        assertThat(InstantText.write(Instant.parse("+10000-01-01T00:00:00Z"), out)).isEqualTo(-1);
    }

    private static String written(Instant instant) {
        char[] out = new char[InstantText.MAX_LENGTH];
        return new String(out, 0, InstantText.write(instant, out));
    }
}
