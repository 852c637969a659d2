package io.secumon.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secumon.api.problem.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResolutionTest {

    private static final Instant TO = Instant.parse("2026-11-21T08:00:00Z");

    private static TimeRange last(Duration span) {
        return new TimeRange(TO.minus(span), TO);
    }

    @ParameterizedTest
    @CsvSource({
            "PT0S, RAW",
            "PT15M, RAW",
            "PT2H, RAW",
            "PT2H0.001S, FIVE_MINUTES",
            "PT24H, FIVE_MINUTES",
            "P2D, FIVE_MINUTES",
            "P2DT1S, ONE_HOUR",
            "P7D, ONE_HOUR",
            "P31D, ONE_HOUR",
    })
    void auto_keepsRawForShortRangesThenFiveMinutesThenHours(Duration span, Resolution expected) {
        assertThat(Resolution.choose("auto", last(span))).isEqualTo(expected);
        assertThat(Resolution.choose(null, last(span))).isEqualTo(expected);
    }

    @Test
    void choose_takesAnExplicitResolution() {
        assertThat(Resolution.choose("raw", last(Duration.ofDays(1)))).isEqualTo(Resolution.RAW);
        assertThat(Resolution.choose("5m", last(Duration.ofMinutes(10)))).isEqualTo(Resolution.FIVE_MINUTES);
        assertThat(Resolution.choose("1h", last(Duration.ofDays(31)))).isEqualTo(Resolution.ONE_HOUR);
    }

    @Test
    void choose_refusesRawOverMoreThanSevenDays() {
        assertThat(Resolution.choose("raw", last(Duration.ofDays(7)))).isEqualTo(Resolution.RAW);
        assertThatThrownBy(() -> Resolution.choose("raw", last(Duration.ofDays(8))))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.slug()).isEqualTo("bad-resolution");
                    assertThat(p.detail()).contains("7 days");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "RAW", "5min", "1d", "10m", "auto "})
    void choose_rejectsOtherValues(String requested) {
        assertThatThrownBy(() -> Resolution.choose(requested, last(Duration.ofHours(1))))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status().value()).isEqualTo(400);
                    assertThat(p.slug()).isEqualTo("bad-resolution");
                    assertThat(p.detail()).contains("auto, raw, 5m, 1h");
                });
    }

    @Test
    void steps_areTheBucketWidths() {
        assertThat(Resolution.RAW.aggregated()).isFalse();
        assertThat(Resolution.FIVE_MINUTES.step()).isEqualTo(Duration.ofMinutes(5));
        assertThat(Resolution.ONE_HOUR.step()).isEqualTo(Duration.ofHours(1));
        assertThat(Resolution.FIVE_MINUTES.label()).isEqualTo("5m");
    }
}
