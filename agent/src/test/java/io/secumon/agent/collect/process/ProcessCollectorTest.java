package io.secumon.agent.collect.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.secumon.agent.collect.ManualClock;
import io.secumon.agent.collect.RecordingSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import oshi.software.os.OSProcess;
import oshi.software.os.OSProcess.State;
import oshi.software.os.OperatingSystem;

class ProcessCollectorTest {

    private final ManualClock clock = new ManualClock();
    private final OperatingSystem os = mock(OperatingSystem.class);
    private final ProcessCollector collector = new ProcessCollector(ProcessTable.of(os), clock);

    private static OSProcess process(int pid, State state, long cpuMillis, long rss) {
        OSProcess p = mock(OSProcess.class);
        when(p.getProcessID()).thenReturn(pid);
        when(p.getName()).thenReturn("proc" + pid);
        when(p.getUser()).thenReturn("user" + pid);
        when(p.getState()).thenReturn(state);
        when(p.getStartTime()).thenReturn(1_000L);
        when(p.getUserTime()).thenReturn(cpuMillis);
        when(p.getKernelTime()).thenReturn(0L);
        when(p.getResidentMemory()).thenReturn(rss);
        return p;
    }

    private static Map<String, String> labels(int pid) {
        return Map.of("pid", Integer.toString(pid), "name", "proc" + pid, "user", "user" + pid);
    }

    private RecordingSink collect(List<OSProcess> processes) {
        when(os.getProcesses()).thenReturn(processes);
        RecordingSink sink = new RecordingSink();
        collector.collect(sink);
        return sink;
    }

    @Test
    void collect_countsProcessesByStateIncludingZombiesAndZeros() {
        RecordingSink sink = collect(List.of(process(1, State.SLEEPING, 0, 1), process(2, State.SLEEPING, 0, 1),
                process(3, State.ZOMBIE, 0, 0), process(4, State.RUNNING, 0, 1)));

        assertThat(sink.value("process.count", Map.of("state", "sleeping"))).contains(2.0);
        assertThat(sink.value("process.count", Map.of("state", "zombie"))).contains(1.0);
        assertThat(sink.value("process.count", Map.of("state", "running"))).contains(1.0);
        assertThat(sink.value("process.count", Map.of("state", "stopped"))).contains(0.0);
    }

    @Test
    void collect_firstRoundReportsTopMemoryButNoCpuPercent() {
        RecordingSink sink = collect(List.of(process(7, State.RUNNING, 5_000, 4_096)));

        assertThat(sink.value("process.rss_bytes", labels(7))).contains(4_096.0);
        assertThat(sink.named("process.cpu_percent")).isEmpty();
    }

    @Test
    void collect_reportsTopFiveByCpuAndTopFiveByMemory() {
        List<OSProcess> before = new ArrayList<>();
        for (int pid = 1; pid <= 12; pid++) {
            before.add(process(pid, State.RUNNING, 0, 0));
        }
        collect(before);
        clock.advance(Duration.ofSeconds(10));
        List<OSProcess> after = new ArrayList<>();
        for (int pid = 1; pid <= 12; pid++) {
            // pids 1..12 used pid * 1 s of CPU over 10 s; memory grows the other way round
            after.add(process(pid, State.RUNNING, pid * 1_000L, (13 - pid) * 1_000L));
        }
        RecordingSink sink = collect(after);

        assertThat(sink.named("process.cpu_percent")).extracting(s -> s.labels().get("pid"))
                .containsExactlyInAnyOrder("12", "11", "10", "9", "8", "1", "2", "3", "4", "5");
        assertThat(sink.value("process.cpu_percent", labels(12))).contains(120.0); // 1.2 cores
        assertThat(sink.value("process.rss_bytes", labels(1))).contains(12_000.0);
        assertThat(sink.named("process.rss_bytes")).hasSize(10);
    }

    @Test
    void collect_cpuTimeGoingBackwardsGivesNoCpuPercent() {
        collect(List.of(process(7, State.RUNNING, 9_000, 1)));
        clock.advance(Duration.ofSeconds(1));
        RecordingSink sink = collect(List.of(process(7, State.RUNNING, 10, 1)));

        assertThat(sink.named("process.cpu_percent")).isEmpty();
    }
}
