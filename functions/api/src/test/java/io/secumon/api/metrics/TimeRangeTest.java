package io.secumon.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secumon.api.problem.ApiProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeRangeTest {

    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void parse_defaultsToTheLastHour() {
        TimeRange range = TimeRange.parse(null, null, CLOCK);

        assertThat(range).isEqualTo(new TimeRange(NOW.minus(Duration.ofHours(1)), NOW));
    }

    @ParameterizedTest
    @CsvSource({
            "now, 2026-11-21T08:00:00Z",
            "NOW, 2026-11-21T08:00:00Z",
            "-30s, 2026-11-21T07:59:30Z",
            "-15m, 2026-11-21T07:45:00Z",
            "-1h, 2026-11-21T07:00:00Z",
            "-7d, 2026-11-14T08:00:00Z",
            "-2w, 2026-11-07T08:00:00Z",
            "now-1h, 2026-11-21T07:00:00Z",
            "-0m, 2026-11-21T08:00:00Z",
            "2026-11-20T10:15:30Z, 2026-11-20T10:15:30Z",
            "2026-11-20t10:15:30z, 2026-11-20T10:15:30Z",
            "2026-11-20T10:15:30.250Z, 2026-11-20T10:15:30.250Z",
            "2026-11-20T11:15:30+01:00, 2026-11-20T10:15:30Z",
            "2026-11-20T05:15:30-05:00, 2026-11-20T10:15:30Z",
            "' 2026-11-20T10:15:30Z ', 2026-11-20T10:15:30Z",
    })
    void parseTime_readsRfc3339NowAndRelativeTimes(String text, String expected) {
        assertThat(TimeRange.parseTime("from", text, NOW)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void parseTime_takesASpaceForThePlusOfAnOffsetThatWasNotPercentEncoded() {
        assertThat(TimeRange.parseTime("from", "2026-11-20T11:15:30 01:00", NOW))
                .isEqualTo(Instant.parse("2026-11-20T10:15:30Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "-1y", "1h", "+1h", "-h", "-1.5h", "- 1h", "-1 h",
            "2026-11-20", "2026-11-20T10:15:30", "2026-13-20T10:15:30Z", "2026-11-20 10:15:30Z",
            "1763712000", "-9999999999d"})
    void parseTime_rejectsAnythingElseAsBadTime(String text) {
        assertThatThrownBy(() -> TimeRange.parseTime("from", text, NOW))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status().value()).isEqualTo(400);
                    assertThat(p.slug()).isEqualTo("bad-time");
                    assertThat(p.detail()).startsWith("from '").contains("RFC 3339");
                });
    }

    @Test
    void parse_namesTheParameterThatIsBad() {
        assertThatThrownBy(() -> TimeRange.parse("-1h", "later", CLOCK))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.detail()).startsWith("to 'later'"));
    }

    @Test
    void parse_resolvesBothEndsAgainstOneReadingOfTheClock() {
        Clock ticking = new Clock() {
            private Instant next = NOW;

            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                Instant now = next;
                next = next.plusSeconds(1);
                return now;
            }
        };

        assertThat(TimeRange.parse("-1h", "now", ticking).span()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void parse_acceptsAnEmptyRangeAndExactly31Days() {
        assertThat(TimeRange.parse("now", "now", CLOCK).span()).isZero();
        assertThat(TimeRange.parse("-31d", "now", CLOCK).span()).isEqualTo(Duration.ofDays(31));
    }

    @Test
    void parse_rejectsFromAfterTo() {
        assertThatThrownBy(() -> TimeRange.parse("now", "-1h", CLOCK))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.slug()).isEqualTo("bad-time-range");
                    assertThat(p.detail()).contains("is after");
                });
    }

    @Test
    void parse_rejectsRangesLongerThan31Days() {
        assertThatThrownBy(() -> TimeRange.parse("-31d", "2026-11-21T08:00:01Z", CLOCK))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.slug()).isEqualTo("bad-time-range");
                    assertThat(p.detail()).contains("31 days");
                });
    }
}
