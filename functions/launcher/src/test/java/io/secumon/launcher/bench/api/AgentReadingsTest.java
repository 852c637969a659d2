package io.secumon.launcher.bench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.secumon.proto.v1.MetricKind;
import org.junit.jupiter.api.Test;

class AgentReadingsTest {

    private static final MetricKind GAUGE = MetricKind.METRIC_KIND_GAUGE;
    private static final MetricKind COUNTER = MetricKind.METRIC_KIND_COUNTER;

    @Test
    void gauges_moveAtMostTwoPercentEitherWay() {
        assertThat(AgentReadings.step(1000, GAUGE, "mem.used_bytes", 0)).isCloseTo(980, within(1e-9));
        assertThat(AgentReadings.step(1000, GAUGE, "mem.used_bytes", 0.5)).isCloseTo(1000, within(1e-9));
        assertThat(AgentReadings.step(1000, GAUGE, "mem.used_bytes", 0.999_999)).isCloseTo(1020, within(1e-3));
    }

    @Test
    void percentages_stayWithin0And100() {
        assertThat(AgentReadings.step(100, GAUGE, "cpu.usage_percent", 0.999)).isEqualTo(100);
        assertThat(AgentReadings.step(0, GAUGE, "cpu.steal_percent", 0)).isZero();
    }

    @Test
    void counters_onlyGoUp_evenFromZero() {
        assertThat(AgentReadings.step(0, COUNTER, "net.received_bytes", 0)).isEqualTo(1);
        assertThat(AgentReadings.step(1e6, COUNTER, "net.received_bytes", 0.5)).isEqualTo(1e6 + 1e4);
    }
}
