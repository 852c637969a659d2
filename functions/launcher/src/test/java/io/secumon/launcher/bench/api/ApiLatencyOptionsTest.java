package io.secumon.launcher.bench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiLatencyOptionsTest {

    @Test
    void nothingGiven_theAcceptanceFigures() {
        ApiLatencyOptions o = ApiLatencyOptions.parse(new String[0], Map.of());

        assertThat(o.agents()).isEqualTo(1000);
        assertThat(o.series()).isEqualTo(50);
        assertThat(o.hours()).isEqualTo(24);
        assertThat(o.samples()).isEqualTo(72_000_000L);
        assertThat(o.clients()).isEqualTo(50);
        assertThat(o.warmup()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.measured()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.think()).isEqualTo(Duration.ZERO);
        assertThat(o.reportInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.reportIntervalText()).isEqualTo("60 s");
        assertThat(o.reuse()).isFalse();
        assertThat(o.dbUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/secumon_bench_api");
    }

    @Test
    void flagsOutrankEnvironment() {
        ApiLatencyOptions o = ApiLatencyOptions.parse(
                new String[] {"--agents", "20", "--hours", "2", "--reuse-data", "--think-ms", "100"},
                Map.of("BENCH_AGENTS", "500", "BENCH_SERIES", "10", "BENCH_WARMUP", "0",
                        "SECUMON_DB_URL", "jdbc:postgresql://db:5432/other"));

        assertThat(o.agents()).isEqualTo(20);
        assertThat(o.series()).isEqualTo(10);
        assertThat(o.hours()).isEqualTo(2);
        assertThat(o.warmup()).isZero();
        assertThat(o.think()).isEqualTo(Duration.ofMillis(100));
        assertThat(o.reuse()).isTrue();
        assertThat(o.dbUrl()).isEqualTo("jdbc:postgresql://db:5432/other");
    }

    @Test
    void reportInterval_takesUnits_andZeroOrOffTurnsItOff() {
        assertThat(interval("--report-interval", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(interval("--report-interval", "15")).isEqualTo(Duration.ofSeconds(15));
        assertThat(interval("--report-interval", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(interval("--report-interval", "0")).isZero();
        assertThat(interval("--report-interval", "OFF")).isZero();
        assertThat(ApiLatencyOptions.parse(new String[0], Map.of("BENCH_REPORT_INTERVAL", "10s")).reportInterval())
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(ApiLatencyOptions.parse(new String[] {"--report-interval", "30s"},
                Map.of("BENCH_REPORT_INTERVAL", "off")).reportInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ApiLatencyOptions.parse(new String[] {"--report-interval", "1500ms"}, Map.of())
                .reportIntervalText()).isEqualTo("1500 ms");
    }

    @Test
    void badReportIntervals_nameTheOptionAndItsVariable() {
        for (String bad : new String[] {"50ms", "2h", "61m", "-5s", "1.5s", "soon"}) {
            assertThatThrownBy(() -> interval("--report-interval", bad))
                    .hasMessageStartingWith("--report-interval (BENCH_REPORT_INTERVAL) must be a duration from 100ms"
                            + " to 60m").hasMessageContaining("not '" + bad + "'");
        }
    }

    @Test
    void badValues_nameTheOptionAndItsVariable() {
        assertThatThrownBy(() -> ApiLatencyOptions.parse(new String[] {"--clients", "0"}, Map.of()))
                .hasMessageContaining("--clients (BENCH_CLIENTS) must be a whole number from 1 to 1000, not '0'");
        assertThatThrownBy(() -> ApiLatencyOptions.parse(new String[0], Map.of("BENCH_HOURS", "1d")))
                .hasMessageContaining("--hours (BENCH_HOURS)");
        assertThatThrownBy(() -> ApiLatencyOptions.parse(new String[] {"--seconds"}, Map.of()))
                .hasMessageStartingWith("unexpected argument --seconds");
        assertThatThrownBy(() -> ApiLatencyOptions.parse(new String[] {"--samples", "5"}, Map.of()))
                .hasMessageStartingWith("unknown option --samples").hasMessageContaining("usage:");
    }

    private static Duration interval(String flag, String value) {
        return ApiLatencyOptions.parse(new String[] {flag, value}, Map.of()).reportInterval();
    }
}
