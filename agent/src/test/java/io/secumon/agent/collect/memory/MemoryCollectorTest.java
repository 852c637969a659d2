package io.secumon.agent.collect.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.secumon.agent.collect.RecordingSink;
import io.secumon.proto.v1.MetricKind;
import java.util.Map;
import org.junit.jupiter.api.Test;
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

        new MemoryCollector(memory).collect(sink);

        assertThat(sink.value("memory.total_bytes", Map.of())).contains(8_000.0);
        assertThat(sink.value("memory.available_bytes", Map.of())).contains(2_000.0);
        assertThat(sink.value("memory.used_bytes", Map.of())).contains(6_000.0);
        assertThat(sink.value("memory.used_percent", Map.of())).contains(75.0);
        assertThat(sink.value("memory.swap_total_bytes", Map.of())).contains(1_000.0);
        assertThat(sink.value("memory.swap_used_bytes", Map.of())).contains(250.0);
        assertThat(sink.samples()).allMatch(s -> s.kind() == MetricKind.METRIC_KIND_GAUGE);
    }
}
