package io.secumon.agent.collect.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.secumon.agent.collect.RecordingSink;
import io.secumon.proto.v1.MetricKind;
import java.util.Map;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import oshi.hardware.GlobalMemory;
import oshi.hardware.VirtualMemory;

class MemoryCollectorTest {

    @Test
    void collect_reportsMemoryAndSwapInBytesWithUsedAsTotalMinusAvailable() {
        GlobalMemory memory = mock(GlobalMemory.class);
        VirtualMemory swap = mock(VirtualMemory.class);
        when(memory.getTotal()).thenReturn(8_000L);
        when(memory.getAvailable()).thenReturn(2_000L);
        when(memory.getVirtualMemory()).thenReturn(swap);
        when(swap.getSwapTotal()).thenReturn(1_000L);
        when(swap.getSwapUsed()).thenReturn(250L);
        RecordingSink sink = new RecordingSink();

        new MemoryCollector(memory, () -> Optional.of(new PageCache.Figures(3_000L, 500L))).collect(sink);

        assertThat(sink.value("memory.total_bytes", Map.of())).contains(8_000.0);
        assertThat(sink.value("memory.available_bytes", Map.of())).contains(2_000.0);
        assertThat(sink.value("memory.used_bytes", Map.of())).contains(6_000.0);
        assertThat(sink.value("memory.used_percent", Map.of())).contains(75.0);
        assertThat(sink.value("memory.cached_bytes", Map.of())).contains(3_000.0);
        assertThat(sink.value("memory.buffers_bytes", Map.of())).contains(500.0);
        assertThat(sink.value("memory.swap_total_bytes", Map.of())).contains(1_000.0);
        assertThat(sink.value("memory.swap_used_bytes", Map.of())).contains(250.0);
        assertThat(sink.samples()).allMatch(s -> s.kind() == MetricKind.METRIC_KIND_GAUGE);
    }

    @Test
    void collect_withoutPageCacheFigures_reportsTheRest() {
        GlobalMemory memory = mock(GlobalMemory.class);
        when(memory.getTotal()).thenReturn(8_000L);
        when(memory.getVirtualMemory()).thenReturn(mock(VirtualMemory.class));
        RecordingSink sink = new RecordingSink();

        new MemoryCollector(memory, PageCache.NONE).collect(sink);

        assertThat(sink.names()).contains("memory.total_bytes").doesNotContain("memory.cached_bytes",
                "memory.buffers_bytes");
    }

    @Test
    void procMeminfo_readsCachedAndBuffersInBytes(@TempDir Path dir) throws IOException {
        Path meminfo = Files.writeString(dir.resolve("meminfo"), """
                MemTotal:       24684084 kB
                MemFree:        12825920 kB
                MemAvailable:   22462776 kB
                Buffers:           19292 kB
                Cached:          9764580 kB
                SwapCached:            0 kB
                """);

        assertThat(new ProcMeminfo(meminfo).read())
                .contains(new PageCache.Figures(9_764_580L * 1024, 19_292L * 1024));
        assertThat(new ProcMeminfo(dir.resolve("missing")).read()).isEmpty();
        Files.writeString(meminfo, "MemTotal: 1 kB\nCached: lots kB\nBuffers: 1 kB\n");
        assertThat(new ProcMeminfo(meminfo).read()).isEmpty();
    }
}
