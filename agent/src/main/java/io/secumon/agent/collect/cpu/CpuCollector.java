package io.secumon.agent.collect.cpu;

import io.secumon.agent.collect.Collector;
import io.secumon.agent.collect.RateTracker;
import io.secumon.agent.collect.SampleSink;
import java.time.Clock;
import java.util.Map;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;

/**
 * CPU utilisation from tick deltas, load averages and core count.
 *
 * <p>Percentages are shares of all ticks that elapsed since the previous collection, so
 * the first collection (and an interval in which a tick counter went backwards) emits no
 * percentages. {@code user} includes nice, {@code system} includes irq and softirq, and
 * usage is everything except idle and iowait (iowait is time the CPU could have worked).
 */
public final class CpuCollector implements Collector {

    private static final TickType[] TICKS = TickType.values();

    private final CentralProcessor cpu;
    private final RateTracker ticks;

    public CpuCollector(CentralProcessor cpu, Clock clock) {
        this.cpu = cpu;
        this.ticks = new RateTracker(clock);
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public void collect(SampleSink sink) {
        sink.gauge("cpu.logical_cores", Map.of(), cpu.getLogicalProcessorCount());
        double[] load = cpu.getSystemLoadAverage(3);
        String[] loadNames = {"cpu.load1", "cpu.load5", "cpu.load15"};
        for (int i = 0; i < Math.min(load.length, loadNames.length); i++) {
            if (load[i] >= 0) { // OSHI reports a negative average where the OS has none
                sink.gauge(loadNames[i], Map.of(), load[i]);
            }
        }

        long[] total = deltas("total", cpu.getSystemCpuLoadTicks());
        if (total != null) {
            double all = sum(total);
            if (all > 0) {
                sink.gauge("cpu.usage_percent", Map.of(), busy(total) * 100 / all);
                sink.gauge("cpu.user_percent", Map.of(), share(total, all, TickType.USER, TickType.NICE));
                sink.gauge("cpu.system_percent", Map.of(),
                        share(total, all, TickType.SYSTEM, TickType.IRQ, TickType.SOFTIRQ));
                sink.gauge("cpu.iowait_percent", Map.of(), share(total, all, TickType.IOWAIT));
                sink.gauge("cpu.steal_percent", Map.of(), share(total, all, TickType.STEAL));
            }
        }

        long[][] perCore = cpu.getProcessorCpuLoadTicks();
        for (int core = 0; core < perCore.length; core++) {
            long[] d = deltas("core" + core, perCore[core]);
            if (d != null && sum(d) > 0) {
                sink.gauge("cpu.core_usage_percent", Map.of("core", Integer.toString(core)),
                        busy(d) * 100 / sum(d));
            }
        }
    }

    /** Per tick type delta, or null if any type has no valid delta this interval. */
    private long[] deltas(String prefix, long[] current) {
        if (current.length < TICKS.length) {
            return null;
        }
        long[] out = new long[TICKS.length];
        boolean complete = true;
        for (TickType type : TICKS) {
            // observe every type even after a miss, so all of them restart together
            var change = ticks.observe(prefix + '.' + type, current[type.getIndex()]);
            if (change.isPresent()) {
                out[type.getIndex()] = change.get().delta();
            } else {
                complete = false;
            }
        }
        return complete ? out : null;
    }

    private static double busy(long[] d) {
        return sum(d) - d[TickType.IDLE.getIndex()] - d[TickType.IOWAIT.getIndex()];
    }

    private static double share(long[] d, double all, TickType... types) {
        long part = 0;
        for (TickType t : types) {
            part += d[t.getIndex()];
        }
        return part * 100 / all;
    }

    private static double sum(long[] d) {
        long s = 0;
        for (long v : d) {
            s += v;
        }
        return s;
    }
}
