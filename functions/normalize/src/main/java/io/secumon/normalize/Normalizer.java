package io.secumon.normalize;

import io.secumon.proto.v1.CanonicalSeries;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.MetricKind;
import io.secumon.proto.v1.Sample;
import io.secumon.proto.v1.SampleBatch;
import io.secumon.proto.v1.Series;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a raw {@link MetricBatch} into a canonical {@link SampleBatch}.
 *
 * <ul>
 *   <li>Metric names and label keys get their canonical spelling ({@link MetricNames});
 *       raw series that end up equal are merged into one.</li>
 *   <li>Tenant and agent are taken from what the edge verified, never from the payload:
 *       labels named {@code tenant} or {@code agent} are removed, and the batch carries the
 *       two ids once for all its samples.</li>
 *   <li>Label values are trimmed; an empty value means "no such label" (as in Prometheus).</li>
 *   <li>NaN and infinite values are dropped and counted.</li>
 *   <li><b>Counters</b> stay cumulative, exactly as the agent read them, with kind
 *       {@code COUNTER}: normalize is stateless, so it neither differentiates nor corrects
 *       resets; rates and increases are computed where the series' history is (queries,
 *       alert rules), detecting a reset where a value falls. A negative counter value is
 *       impossible and dropped.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class Normalizer {

    private static final String[] RESERVED_LABELS = {"tenant", "agent"};

    /** Normalises one batch; never throws for content, only drops and counts. */
    public Normalized normalize(IngestedBatch in) {
        MetricBatch raw = in.batch();
        Map<DropReason, Integer> dropped = new EnumMap<>(DropReason.class);
        SampleBatch.Builder out = SampleBatch.newBuilder()
                .setBatchId(raw.getBatchId())
                .setTenantId(in.tenantId().toString())
                .setAgentId(in.agentId().toString())
                .setBaseTimeUnixMs(raw.getBaseTimeUnixMs())
                .setReceivedAtUnixMs(in.receivedAtUnixMs())
                .setSequence(raw.getSequence());
        if (raw.hasAgent()) {
            out.setAgent(raw.getAgent());
        }

        // Raw series index -> canonical series index, or -1 when the series is unusable.
        int[] canonicalIndex = new int[raw.getSeriesCount()];
        DropReason[] unusable = new DropReason[raw.getSeriesCount()];
        Map<CanonicalSeries, Integer> seen = new HashMap<>();
        for (int i = 0; i < raw.getSeriesCount(); i++) {
            CanonicalSeries series = canonical(raw, raw.getSeries(i), unusable, i);
            if (series == null) {
                canonicalIndex[i] = -1;
                continue;
            }
            Integer known = seen.putIfAbsent(series, seen.size());
            if (known == null) {
                out.addSeries(series);
                canonicalIndex[i] = seen.size() - 1;
            } else {
                canonicalIndex[i] = known;
            }
        }

        for (Sample sample : raw.getSamplesList()) {
            int rawSeries = sample.getSeries();
            DropReason reason = null;
            if (rawSeries >= canonicalIndex.length) {
                reason = DropReason.DANGLING_REFERENCE;
            } else if (canonicalIndex[rawSeries] < 0) {
                reason = unusable[rawSeries];
            } else if (!Double.isFinite(sample.getValue())) {
                reason = DropReason.NON_FINITE;
            } else if (sample.getValue() < 0
                    && out.getSeries(canonicalIndex[rawSeries]).getKind() == MetricKind.METRIC_KIND_COUNTER) {
                reason = DropReason.NEGATIVE_COUNTER;
            }
            if (reason != null) {
                dropped.merge(reason, 1, Integer::sum);
                continue;
            }
            out.addSamples(rawSeries == canonicalIndex[rawSeries] ? sample
                    : sample.toBuilder().setSeries(canonicalIndex[rawSeries]).build());
        }
        return new Normalized(out.build(), dropped);
    }

    private static CanonicalSeries canonical(MetricBatch raw, Series series, DropReason[] unusable, int index) {
        int strings = raw.getStringsCount();
        if (series.getName() >= strings || series.getLabelsCount() % 2 != 0) {
            unusable[index] = DropReason.DANGLING_REFERENCE;
            return null;
        }
        String metric = MetricNames.metric(raw.getStrings(series.getName()));
        if (metric == null) {
            unusable[index] = DropReason.INVALID_NAME;
            return null;
        }
        TreeMap<String, String> labels = new TreeMap<>();
        for (int l = 0; l < series.getLabelsCount(); l += 2) {
            int key = series.getLabels(l);
            int value = series.getLabels(l + 1);
            if (key >= strings || value >= strings) {
                unusable[index] = DropReason.DANGLING_REFERENCE;
                return null;
            }
            String canonicalKey = MetricNames.labelKey(raw.getStrings(key));
            String canonicalValue = raw.getStrings(value).strip();
            if (canonicalKey == null || canonicalValue.isEmpty() || reserved(canonicalKey)) {
                continue;
            }
            labels.put(canonicalKey, canonicalValue);
        }
        MetricKind kind = series.getKind() == MetricKind.METRIC_KIND_COUNTER
                ? MetricKind.METRIC_KIND_COUNTER : MetricKind.METRIC_KIND_GAUGE;
        return CanonicalSeries.newBuilder().setMetric(metric).putAllLabels(labels).setKind(kind).build();
    }

    private static boolean reserved(String key) {
        for (String reserved : RESERVED_LABELS) {
            if (reserved.equals(key)) {
                return true;
            }
        }
        return false;
    }
}
