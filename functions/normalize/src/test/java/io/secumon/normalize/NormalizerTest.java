package io.secumon.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.pipeline.batch.MetricBatchBuilder;
import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.CanonicalSeries;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.MetricKind;
import io.secumon.proto.v1.Sample;
import io.secumon.proto.v1.SampleBatch;
import io.secumon.proto.v1.Series;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NormalizerTest {

    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();
    private static final AgentIdentity IDENTITY = AgentIdentity.newBuilder()
            .setAgentId(AGENT.toString()).setHostname("web-1").build();
    private static final long T0 = 1_700_000_000_000L;

    private final Normalizer normalizer = new Normalizer();

    @Test
    void normalize_carriesTenantAgentAndTimes() {
        MetricBatch raw = new MetricBatchBuilder(IDENTITY, T0).sequence(7)
                .gauge("cpu.usage_percent", Map.of("core", "0"), 12.5, T0 + 10).build();

        Normalized result = normalizer.normalize(new IngestedBatch(TENANT, AGENT, T0 + 50, raw));

        SampleBatch batch = result.batch();
        assertThat(batch.getBatchId()).isEqualTo(raw.getBatchId());
        assertThat(batch.getTenantId()).isEqualTo(TENANT.toString());
        assertThat(batch.getAgentId()).isEqualTo(AGENT.toString());
        assertThat(batch.getReceivedAtUnixMs()).isEqualTo(T0 + 50);
        assertThat(batch.getSequence()).isEqualTo(7);
        assertThat(batch.getAgent().getHostname()).isEqualTo("web-1");
        assertThat(batch.getSeriesList()).containsExactly(CanonicalSeries.newBuilder()
                .setMetric("cpu.usage_percent").putLabels("core", "0")
                .setKind(MetricKind.METRIC_KIND_GAUGE).build());
        assertThat(batch.getBaseTimeUnixMs() + batch.getSamples(0).getOffsetMs()).isEqualTo(T0 + 10);
        assertThat(batch.getSamples(0).getValue()).isEqualTo(12.5);
        assertThat(result.dropped()).isEmpty();
    }

    @Test
    void normalize_dropsAndCountsNonFiniteValuesAndNegativeCounters() {
        MetricBatch raw = new MetricBatchBuilder(IDENTITY, T0)
                .gauge("a.value", Map.of(), Double.NaN, T0)
                .gauge("a.value", Map.of(), Double.POSITIVE_INFINITY, T0)
                .gauge("a.value", Map.of(), -3, T0)
                .counter("net.sent_bytes", Map.of(), -1, T0)
                .counter("net.sent_bytes", Map.of(), 42, T0)
                .build();

        Normalized result = normalizer.normalize(new IngestedBatch(TENANT, AGENT, T0, raw));

        assertThat(result.batch().getSamplesList()).extracting(Sample::getValue).containsExactly(-3.0, 42.0);
        assertThat(result.dropped()).containsOnly(
                Map.entry(DropReason.NON_FINITE, 2), Map.entry(DropReason.NEGATIVE_COUNTER, 1));
        assertThat(result.batch().getSeries(result.batch().getSamples(1).getSeries()).getKind())
                .isEqualTo(MetricKind.METRIC_KIND_COUNTER);
    }

    @Test
    void normalize_mergesSeriesThatBecomeEqualAndStripsReservedLabels() {
        MetricBatch raw = new MetricBatchBuilder(IDENTITY, T0)
                .gauge("Mem.Used%", Map.of("tenant", "someone-else", "Zone", "a"), 1, T0)
                .gauge("mem.used_percent", Map.of("zone", "a", "agent", "spoof", "empty", " "), 2, T0)
                .build();

        SampleBatch batch = normalizer.normalize(new IngestedBatch(TENANT, AGENT, T0, raw)).batch();

        assertThat(batch.getSeriesCount()).isEqualTo(1);
        assertThat(batch.getSeries(0).getMetric()).isEqualTo("mem.used_percent");
        assertThat(batch.getSeries(0).getLabelsMap()).containsExactly(Map.entry("zone", "a"));
        assertThat(batch.getSamplesList()).extracting(Sample::getSeries).containsExactly(0, 0);
    }

    @Test
    void normalize_dropsSamplesOfInvalidNamesAndDanglingReferences() {
        MetricBatch raw = new MetricBatchBuilder(IDENTITY, T0)
                .gauge("9lives", Map.of(), 1, T0)
                .gauge("ok.count", Map.of(), 2, T0)
                .build().toBuilder()
                .addSamples(Sample.newBuilder().setSeries(99).setValue(3))
                .addSeries(Series.newBuilder().setName(1000))
                .addSamples(Sample.newBuilder().setSeries(2).setValue(4))
                .build();

        Normalized result = normalizer.normalize(new IngestedBatch(TENANT, AGENT, T0, raw));

        assertThat(result.batch().getSamplesList()).extracting(Sample::getValue).containsExactly(2.0);
        assertThat(result.batch().getSamples(0).getSeries()).isZero();
        assertThat(result.dropped()).containsOnly(
                Map.entry(DropReason.INVALID_NAME, 1), Map.entry(DropReason.DANGLING_REFERENCE, 2));
    }
}
