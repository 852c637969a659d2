package io.secumon.agent.collect.process;

import io.secumon.agent.collect.Collector;
import io.secumon.agent.collect.RateTracker;
import io.secumon.agent.collect.SampleSink;
import java.time.Clock;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import oshi.software.os.OSProcess.State;

/**
 * Process counts by state and the heaviest processes.
 *
 * <p>{@code process.count} is emitted for every state (zero included) so zombies showing up
 * is a value change, not a new series. The top {@value #TOP} processes by CPU and the top
 * {@value #TOP} by resident memory (their union) each get {@code process.cpu_percent} and
 * {@code process.rss_bytes}, labelled {@code pid}, {@code name}, {@code user}. CPU percent
 * is CPU time over wall time since the previous collection (100 = one full core, like
 * {@code top}), so a process seen for the first time has no CPU value and cannot be in the
 * CPU top list yet. Only the top few are sent because per-process series for every pid
 * would swamp the pipeline with short-lived series.
 */
public final class ProcessCollector implements Collector {

    static final int TOP = 5;

    private final ProcessTable processes;
    private final RateTracker cpuTime;

    /** @param processes the host's process table, read once per collection */
    public ProcessCollector(ProcessTable processes, Clock clock) {
        this.processes = processes;
        this.cpuTime = new RateTracker(clock);
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public void collect(SampleSink sink) {
        List<ProcessSnapshot> all = processes.snapshot();
        Map<State, Integer> byState = new EnumMap<>(State.class);
        for (State s : State.values()) {
            byState.put(s, 0);
        }
        Map<ProcessSnapshot, Double> cpu = new HashMap<>();
        Set<String> live = new HashSet<>();
        for (ProcessSnapshot p : all) {
            byState.merge(p.state(), 1, Integer::sum);
            // pid plus start time, so a recycled pid does not inherit another process's CPU time
            String key = p.pid() + "@" + p.startTime();
            live.add(key);
            cpuTime.observe(key, p.cpuMillis())
                    .ifPresent(c -> cpu.put(p, c.delta() * 100.0 / c.elapsedMillis()));
        }
        cpuTime.retainOnly(live); // exited processes must not accumulate in memory
        byState.forEach((state, n) ->
                sink.gauge("process.count", Map.of("state", state.name().toLowerCase(Locale.ROOT)), n));

        Map<Integer, ProcessSnapshot> top = new LinkedHashMap<>();
        cpu.entrySet().stream()
                .sorted(Map.Entry.<ProcessSnapshot, Double>comparingByValue().reversed())
                .limit(TOP)
                .forEach(e -> top.put(e.getKey().pid(), e.getKey()));
        all.stream()
                .sorted(Comparator.comparingLong(ProcessSnapshot::rssBytes).reversed())
                .limit(TOP)
                .forEach(p -> top.putIfAbsent(p.pid(), p));
        for (ProcessSnapshot p : top.values()) {
            Map<String, String> labels = Map.of("pid", Integer.toString(p.pid()),
                    "name", nonNull(p.name()), "user", nonNull(p.user().get()));
            Double percent = cpu.get(p);
            if (percent != null) {
                sink.gauge("process.cpu_percent", labels, percent);
            }
            sink.gauge("process.rss_bytes", labels, p.rssBytes());
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
