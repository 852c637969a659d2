package io.secumon.store;

import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.CanonicalSeries;
import io.secumon.proto.v1.MetricKind;
import io.secumon.proto.v1.Sample;
import io.secumon.proto.v1.SampleBatch;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Builds canonical {@link SampleBatch}es for tests, one series entry per (metric, labels). */
final class BatchBuilder {

    private final SampleBatch.Builder batch;
    private final Map<CanonicalSeries, Integer> series = new HashMap<>();

    BatchBuilder(UUID tenant, UUID agent, long baseMs) {
        batch = SampleBatch.newBuilder()
                .setBatchId(UUID.randomUUID().toString())
                .setTenantId(tenant.toString())
                .setAgentId(agent.toString())
                .setBaseTimeUnixMs(baseMs)
                .setReceivedAtUnixMs(baseMs);
    }

    BatchBuilder gauge(String metric, Map<String, String> labels, double value, long atMs) {
        return sample(metric, labels, MetricKind.METRIC_KIND_GAUGE, value, atMs);
    }

    BatchBuilder counter(String metric, Map<String, String> labels, double value, long atMs) {
        return sample(metric, labels, MetricKind.METRIC_KIND_COUNTER, value, atMs);
    }

    BatchBuilder identity(AgentIdentity identity) {
        batch.setAgent(identity);
        return this;
    }

    BatchBuilder receivedAt(long ms) {
        batch.setReceivedAtUnixMs(ms);
        return this;
    }

    SampleBatch build() {
        return batch.build();
    }

    private BatchBuilder sample(String metric, Map<String, String> labels, MetricKind kind, double value, long atMs) {
        CanonicalSeries key = CanonicalSeries.newBuilder().setMetric(metric).putAllLabels(labels).setKind(kind).build();
        int index = series.computeIfAbsent(key, k -> {
            batch.addSeries(k);
            return batch.getSeriesCount() - 1;
        });
        batch.addSamples(Sample.newBuilder()
                .setSeries(index)
                .setValue(value)
                .setOffsetMs(atMs - batch.getBaseTimeUnixMs()));
        return this;
    }
}
