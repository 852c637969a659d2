package io.secumon.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secumon.api.problem.ApiProblem;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricFilterTest {

    @Test
    void of_noPatternsMeansEveryMetric() {
        MetricFilter all = MetricFilter.of(List.of());

        assertThat(all.matches("cpu.usage_percent")).isTrue();
        assertThat(all.matches("anything")).isTrue();
    }

    @Test
    void of_splitsExactNamesFromPrefixes() {
        MetricFilter filter = MetricFilter.of(List.of("cpu.usage_percent", "filesystem.*"));

        assertThat(filter.exact()).containsExactly("cpu.usage_percent");
        assertThat(filter.prefixes()).containsExactly("filesystem.");
        assertThat(filter.matches("cpu.usage_percent")).isTrue();
        assertThat(filter.matches("cpu.usage_percent_other")).isFalse();
        assertThat(filter.matches("filesystem.used_bytes")).isTrue();
        assertThat(filter.matches("disk.busy_percent")).isFalse();
    }

    @Test
    void of_treatsUnderscoreLiterallyInPrefixes() {
        MetricFilter filter = MetricFilter.of(List.of("net.tcp_*"));

        assertThat(filter.matches("net.tcp_connections")).isTrue();
        assertThat(filter.matches("net.tcpxconnections")).isFalse();
    }

    @Test
    void of_loneStarIsEverything() {
        assertThat(MetricFilter.of(List.of("*")).matches("memory.used_bytes")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "CPU.usage", "cpu usage", "cpu.*.x", "*cpu", "cpu%", "cpu.usage**"})
    void of_rejectsWhatIsNeitherNameNorPrefix(String pattern) {
        assertThatThrownBy(() -> MetricFilter.of(List.of(pattern)))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.slug()).isEqualTo("bad-metric"));
    }

    @Test
    void of_rejectsMoreThanFiftyPatterns() {
        assertThatThrownBy(() -> MetricFilter.of(Collections.nCopies(51, "cpu.usage_percent")))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.slug()).isEqualTo("bad-metric"));
    }
}
