package io.secumon.agent.collect.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.secumon.agent.collect.ManualClock;
import io.secumon.agent.collect.RecordingSink;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import oshi.hardware.CentralProcessor;

class CpuCollectorTest {

    private final ManualClock clock = new ManualClock();
    private final CentralProcessor cpu = mock(CentralProcessor.class);
    private final CpuCollector collector = new CpuCollector(cpu, clock);

    /** Ticks in OSHI's order: user, nice, system, idle, iowait, irq, softirq, steal. */
    private static long[] ticks(long user, long nice, long system, long idle, long iowait, long irq,
                                long softirq, long steal) {
        return new long[] {user, nice, system, idle, iowait, irq, softirq, steal};
    }

    @BeforeEach
    void host() {
        when(cpu.getLogicalProcessorCount()).thenReturn(2);
        when(cpu.getSystemLoadAverage(3)).thenReturn(new double[] {0.5, 0.25, -1});
    }

    private RecordingSink collect(long[] total, long[] core0, long[] core1) {
        when(cpu.getSystemCpuLoadTicks()).thenReturn(total);
        when(cpu.getProcessorCpuLoadTicks()).thenReturn(new long[][] {core0, core1});
        RecordingSink sink = new RecordingSink();
        collector.collect(sink);
        return sink;
    }

    @Test
    void collect_firstRoundReportsCoresAndLoadButNoPercentages() {
        RecordingSink sink = collect(ticks(0, 0, 0, 0, 0, 0, 0, 0), new long[8], new long[8]);

        assertThat(sink.value("cpu.logical_cores", Map.of())).contains(2.0);
        assertThat(sink.value("cpu.load1", Map.of())).contains(0.5);
        assertThat(sink.value("cpu.load5", Map.of())).contains(0.25);
        assertThat(sink.names()).doesNotContain("cpu.load15") // unavailable on this OS
                .noneMatch(n -> n.endsWith("_percent"));
    }

    @Test
    void collect_percentagesAreSharesOfTickDeltas() {
        collect(ticks(100, 0, 100, 100, 0, 0, 0, 0), ticks(0, 0, 0, 0, 0, 0, 0, 0), ticks(0, 0, 0, 0, 0, 0, 0, 0));
        clock.advance(Duration.ofSeconds(10));
        // +200 ticks: user 40 + nice 10, system 20 + irq 5 + softirq 5, idle 80, iowait 30, steal 10
        RecordingSink sink = collect(ticks(140, 10, 120, 180, 30, 5, 5, 10),
                ticks(75, 0, 0, 25, 0, 0, 0, 0), ticks(0, 0, 0, 100, 0, 0, 0, 0));

        assertThat(sink.value("cpu.usage_percent", Map.of()).orElseThrow()).isCloseTo(45.0, within(1e-9));
        assertThat(sink.value("cpu.user_percent", Map.of())).contains(25.0);
        assertThat(sink.value("cpu.system_percent", Map.of())).contains(15.0);
        assertThat(sink.value("cpu.iowait_percent", Map.of())).contains(15.0);
        assertThat(sink.value("cpu.steal_percent", Map.of())).contains(5.0);
        assertThat(sink.value("cpu.core_usage_percent", Map.of("core", "0"))).contains(75.0);
        assertThat(sink.value("cpu.core_usage_percent", Map.of("core", "1"))).contains(0.0);
    }

    @Test
    void collect_tickCounterGoingBackwardsGivesNoPercentagesForThatInterval() {
        collect(ticks(500, 0, 500, 500, 0, 0, 0, 0), ticks(5, 0, 0, 5, 0, 0, 0, 0), ticks(5, 0, 0, 5, 0, 0, 0, 0));
        clock.advance(Duration.ofSeconds(10));
        RecordingSink afterReset = collect(ticks(10, 0, 10, 10, 0, 0, 0, 0),
                ticks(1, 0, 0, 1, 0, 0, 0, 0), ticks(9, 0, 0, 9, 0, 0, 0, 0));
        clock.advance(Duration.ofSeconds(10));
        RecordingSink next = collect(ticks(20, 0, 10, 20, 0, 0, 0, 0),
                ticks(2, 0, 0, 2, 0, 0, 0, 0), ticks(10, 0, 0, 10, 0, 0, 0, 0));

        assertThat(afterReset.named("cpu.usage_percent")).isEmpty();
        assertThat(afterReset.named("cpu.core_usage_percent")).hasSize(1); // core 1 did not reset
        assertThat(next.value("cpu.usage_percent", Map.of())).contains(50.0);
        assertThat(next.samples()).allMatch(s -> s.value() >= 0);
    }
}
