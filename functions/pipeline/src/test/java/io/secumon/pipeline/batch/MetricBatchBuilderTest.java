package io.secumon.pipeline.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.MetricBatch;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricBatchBuilderTest {

    private static final AgentIdentity AGENT = AgentIdentity.newBuilder().setAgentId("a").build();

    @Test
    void build_storesEachStringAndSeriesOnce() {
        MetricBatch batch = new MetricBatchBuilder(AGENT, 1_000)
                .gauge("cpu.usage_percent", Map.of("core", "0"), 12.5, 1_000)
                .gauge("cpu.usage_percent", Map.of("core", "0"), 13.5, 2_000)
                .gauge("cpu.usage_percent", Map.of("core", "1"), 7, 1_000)
                .build();

        assertThat(batch.getSeriesCount()).isEqualTo(2);
        assertThat(batch.getStringsList()).containsExactly("", "cpu.usage_percent", "core", "0", "1");
        assertThat(batch.getSamplesList()).extracting(s -> s.getSeries()).containsExactly(0, 0, 1);
        assertThat(MetricBatchBuilder.timeOf(batch, batch.getSamples(1))).isEqualTo(2_000);
        assertThat(batch.getSamples(0).getOffsetMs()).isZero();
    }

    @Test
    void build_separatesGaugeAndCounterOfTheSameName() {
        MetricBatch batch = new MetricBatchBuilder(AGENT, 0)
                .gauge("x.total", Map.of(), 1, 0)
                .counter("x.total", Map.of(), 1, 0)
                .build();

        assertThat(batch.getSeriesCount()).isEqualTo(2);
        assertThat(MetricBatchBuilder.describe(batch)).containsExactly("x.total=1.0", "x.total=1.0");
    }
}
