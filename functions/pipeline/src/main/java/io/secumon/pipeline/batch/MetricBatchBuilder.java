package io.secumon.pipeline.batch;

import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.MetricKind;
import io.secumon.proto.v1.Sample;
import io.secumon.proto.v1.Series;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds a {@link MetricBatch} in the contract's compact encoding: each string is stored
 * once in the string table, each (name, labels, kind) once in the series list, and each
 * sample's time as an offset from the base time. Not thread-safe; one builder per batch.
 */
public final class MetricBatchBuilder {

    private final MetricBatch.Builder batch = MetricBatch.newBuilder();
    private final Map<String, Integer> strings = new HashMap<>();
    private final Map<SeriesKey, Integer> series = new HashMap<>();
    private final long baseTimeUnixMs;

    private record SeriesKey(String name, Map<String, String> labels, MetricKind kind) {
    }

    /** A batch with a new random id, timed relative to {@code baseTimeUnixMs}. */
    public MetricBatchBuilder(AgentIdentity agent, long baseTimeUnixMs) {
        this(UUID.randomUUID(), agent, baseTimeUnixMs);
    }

    public MetricBatchBuilder(UUID batchId, AgentIdentity agent, long baseTimeUnixMs) {
        this.baseTimeUnixMs = baseTimeUnixMs;
        batch.setBatchId(batchId.toString()).setAgent(agent).setBaseTimeUnixMs(baseTimeUnixMs);
        intern("");
    }

    /** Sets the agent's batch counter (see the contract's {@code sequence}). */
    public MetricBatchBuilder sequence(long sequence) {
        batch.setSequence(sequence);
        return this;
    }

    /** Adds a gauge sample. */
    public MetricBatchBuilder gauge(String name, Map<String, String> labels, double value, long timeUnixMs) {
        return add(name, labels, MetricKind.METRIC_KIND_GAUGE, value, timeUnixMs);
    }

    /** Adds a counter sample (a cumulative value). */
    public MetricBatchBuilder counter(String name, Map<String, String> labels, double value, long timeUnixMs) {
        return add(name, labels, MetricKind.METRIC_KIND_COUNTER, value, timeUnixMs);
    }

    /** Adds one sample of series (name, labels, kind). */
    public MetricBatchBuilder add(String name, Map<String, String> labels, MetricKind kind, double value,
                                  long timeUnixMs) {
        Integer index = series.get(new SeriesKey(name, labels, kind));
        if (index == null) {
            Series.Builder s = Series.newBuilder().setName(intern(name)).setKind(kind);
            labels.forEach((k, v) -> s.addLabels(intern(k)).addLabels(intern(v)));
            index = batch.getSeriesCount();
            batch.addSeries(s);
            series.put(new SeriesKey(name, Map.copyOf(labels), kind), index);
        }
        batch.addSamples(Sample.newBuilder()
                .setSeries(index)
                .setValue(value)
                .setOffsetMs(timeUnixMs - baseTimeUnixMs));
        return this;
    }

    /** How many samples were added so far. */
    public int size() {
        return batch.getSamplesCount();
    }

    public MetricBatch build() {
        return batch.build();
    }

    private int intern(String s) {
        return strings.computeIfAbsent(s, key -> {
            batch.addStrings(key);
            return batch.getStringsCount() - 1;
        });
    }

    /** The sample's absolute time, milliseconds since the Unix epoch. */
    public static long timeOf(MetricBatch batch, Sample sample) {
        return batch.getBaseTimeUnixMs() + sample.getOffsetMs();
    }

    /** Every (metric name, value) of a batch, decoded; for tests and diagnostics. */
    public static List<String> describe(MetricBatch batch) {
        List<String> out = new ArrayList<>();
        for (Sample sample : batch.getSamplesList()) {
            Series s = batch.getSeries(sample.getSeries());
            out.add(batch.getStrings(s.getName()) + "=" + sample.getValue());
        }
        return out;
    }
}
