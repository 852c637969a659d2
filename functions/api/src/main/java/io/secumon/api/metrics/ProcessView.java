package io.secumon.api.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The process dashboard of an agent: processes by state and the heaviest processes, from
 * the latest values of its most recent collection (see {@link CurrentValues}), so that
 * processes that have exited since do not linger in the list.
 *
 * @param agentId   the agent
 * @param states    process count per lower-case state ({@code running}, {@code sleeping}, ...)
 * @param total     all processes
 * @param timestamp when the processes were collected; null when the agent sent none
 * @param top       the processes the agent reported as heaviest (top by CPU and top by
 *                  memory), each {@code {pid, name, user, cpu_percent, rss_bytes, timestamp}},
 *                  by CPU then memory, heaviest first; {@code cpu_percent} is absent for a
 *                  process seen for the first time (the agent needs two readings for a rate)
 */
public record ProcessView(@JsonProperty("agent_id") UUID agentId, Map<String, Long> states, long total,
                          Instant timestamp, List<Map<String, Object>> top) {

    /** The metrics the view reads. */
    static final MetricFilter METRICS = MetricFilter.prefixes("process.");

    private static final Comparator<Map<String, Object>> HEAVIEST_FIRST =
            Comparator.<Map<String, Object>>comparingDouble(p -> number(p.get("cpu_percent")))
                    .thenComparingDouble(p -> number(p.get("rss_bytes")))
                    .reversed();

    static ProcessView of(UUID agent, List<LatestValue> latest) {
        CurrentValues current = CurrentValues.of(latest, CurrentValues.metricPrefix("process."));
        Map<String, Long> states = current.countsBy("state");
        List<Map<String, Object>> top = current.groupBy("process.", "pid", "name", "user");
        top.forEach(p -> p.computeIfPresent("pid", (k, pid) -> pidNumber((String) pid)));
        top.sort(HEAVIEST_FIRST);
        return new ProcessView(agent, states, states.values().stream().mapToLong(Long::longValue).sum(),
                current.timestamp(), top);
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : -1;
    }

    private static Object pidNumber(String pid) {
        try {
            return Long.parseLong(pid);
        } catch (NumberFormatException e) {
            return pid; // another vendor's agent may name processes differently
        }
    }
}
