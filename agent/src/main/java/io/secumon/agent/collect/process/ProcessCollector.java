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
import oshi.software.os.OSProcess;
import oshi.software.os.OSProcess.State;
import oshi.software.os.OperatingSystem;

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

    private final OperatingSystem os;
    private final RateTracker cpuTime;

    public ProcessCollector(OperatingSystem os, Clock clock) {
        this.os = os;
        this.cpuTime = new RateTracker(clock);
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public void collect(SampleSink sink) {
        List<OSProcess> processes = os.getProcesses();
        Map<State, Integer> byState = new EnumMap<>(State.class);
        for (State s : State.values()) {
            byState.put(s, 0);
        }
        Map<OSProcess, Double> cpu = new HashMap<>();
        Set<String> live = new HashSet<>();
        for (OSProcess p : processes) {
            byState.merge(p.getState(), 1, Integer::sum);
            // pid plus start time, so a recycled pid does not inherit another process's CPU time
            String key = p.getProcessID() + "@" + p.getStartTime();
            live.add(key);
            cpuTime.observe(key, p.getKernelTime() + p.getUserTime())
                    .ifPresent(c -> cpu.put(p, c.delta() * 100.0 / c.elapsedMillis()));
        }
        cpuTime.retainOnly(live); // exited processes must not accumulate in memory
        byState.forEach((state, n) ->
                sink.gauge("process.count", Map.of("state", state.name().toLowerCase(Locale.ROOT)), n));

        Map<Integer, OSProcess> top = new LinkedHashMap<>();
        cpu.entrySet().stream()
                .sorted(Map.Entry.<OSProcess, Double>comparingByValue().reversed())
                .limit(TOP)
                .forEach(e -> top.put(e.getKey().getProcessID(), e.getKey()));
        processes.stream()
                .sorted(Comparator.comparingLong(OSProcess::getResidentMemory).reversed())
                .limit(TOP)
                .forEach(p -> top.putIfAbsent(p.getProcessID(), p));
        for (OSProcess p : top.values()) {
            Map<String, String> labels = Map.of("pid", Integer.toString(p.getProcessID()),
                    "name", nonNull(p.getName()), "user", nonNull(p.getUser()));
            Double percent = cpu.get(p);
            if (percent != null) {
                sink.gauge("process.cpu_percent", labels, percent);
            }
            sink.gauge("process.rss_bytes", labels, p.getResidentMemory());
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
