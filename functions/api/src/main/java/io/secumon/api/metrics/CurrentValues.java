package io.secumon.api.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The latest values of one part of a dashboard view, reduced to the agent's most recent
 * collection, and grouped by the labels that name a thing (a mount, an interface, a
 * process).
 *
 * <p>Why "most recent collection": series outlive what they describe. A process that
 * exited, an unmounted file system or a removed interface keeps its last value in
 * {@code series_latest} for ever; a dashboard of current state must not show it. The agent
 * stamps every sample of a collection round with one time, so the current things are those
 * whose value is as new as the newest value of the part (within {@link #SAME_ROUND}, for
 * sources that stamp each sample separately; agents collect at most once a second).
 */
final class CurrentValues {

    static final Duration SAME_ROUND = Duration.ofMillis(500);

    private final List<LatestValue> values;

    private CurrentValues(List<LatestValue> values) {
        this.values = values;
    }

    /** The values {@code part} admits that belong to the newest collection among them. */
    static CurrentValues of(List<LatestValue> latest, Predicate<LatestValue> part) {
        List<LatestValue> admitted = latest.stream().filter(part).toList();
        Instant newest = admitted.stream().map(LatestValue::timestamp).max(Comparator.naturalOrder()).orElse(null);
        if (newest == null) {
            return new CurrentValues(List.of());
        }
        Instant oldestCurrent = newest.minus(SAME_ROUND);
        return new CurrentValues(admitted.stream().filter(v -> !v.timestamp().isBefore(oldestCurrent)).toList());
    }

    /** Values whose metric starts with {@code prefix}. */
    static Predicate<LatestValue> metricPrefix(String prefix) {
        return v -> v.metric().startsWith(prefix);
    }

    List<LatestValue> values() {
        return values;
    }

    /** When the newest of these values was taken, or null when there are none. */
    Instant timestamp() {
        return values.stream().map(LatestValue::timestamp).max(Comparator.naturalOrder()).orElse(null);
    }

    /**
     * One JSON object per distinct combination of {@code keyLabels}, sorted by it: the key
     * labels, then a field per metric named by what follows {@code prefix}
     * ({@code filesystem.used_bytes} becomes {@code used_bytes}), then {@code timestamp}.
     * Values missing any key label are left out.
     */
    List<Map<String, Object>> groupBy(String prefix, String... keyLabels) {
        Map<List<String>, Map<String, Object>> groups = new TreeMap<>(CurrentValues::compareKeys);
        Map<List<String>, Instant> times = new LinkedHashMap<>();
        for (LatestValue value : values) {
            List<String> key = new ArrayList<>(keyLabels.length);
            for (String label : keyLabels) {
                key.add(value.labels().get(label));
            }
            if (key.contains(null) || !value.metric().startsWith(prefix)) {
                continue;
            }
            Map<String, Object> group = groups.computeIfAbsent(key, k -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (int i = 0; i < keyLabels.length; i++) {
                    fields.put(keyLabels[i], k.get(i));
                }
                return fields;
            });
            group.put(value.metric().substring(prefix.length()), value.value());
            times.merge(key, value.timestamp(), (a, b) -> a.isAfter(b) ? a : b);
        }
        groups.forEach((key, group) -> group.put("timestamp", times.get(key)));
        return new ArrayList<>(groups.values());
    }

    /** Value per label value, e.g. TCP connections per state, as whole counts. */
    Map<String, Long> countsBy(String label) {
        Map<String, Long> counts = new TreeMap<>();
        for (LatestValue value : values) {
            String key = value.labels().get(label);
            if (key != null) {
                counts.merge(key, Math.round(value.value()), Long::sum);
            }
        }
        return counts;
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
