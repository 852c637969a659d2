package io.secumon.agent.collect.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.secumon.agent.collect.ManualClock;
import io.secumon.agent.collect.RecordingSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import oshi.hardware.HWDiskStore;

class DiskCollectorTest {

    private static final Map<String, String> SDA = Map.of("device", "/dev/sda");

    private final ManualClock clock = new ManualClock();
    private HWDiskStore current;
    private final DiskCollector collector = new DiskCollector(() -> List.of(current), clock);

    private RecordingSink collect(long readBytes, long writeBytes, long reads, long writes, long transferMs) {
        current = mock(HWDiskStore.class);
        when(current.getName()).thenReturn("/dev/sda");
        when(current.getReadBytes()).thenReturn(readBytes);
        when(current.getWriteBytes()).thenReturn(writeBytes);
        when(current.getReads()).thenReturn(reads);
        when(current.getWrites()).thenReturn(writes);
        when(current.getTransferTime()).thenReturn(transferMs);
        RecordingSink sink = new RecordingSink();
        collector.collect(sink);
        return sink;
    }

    @Test
    void collect_firstRoundEmitsNoRates() {
        assertThat(collect(1_000, 1_000, 10, 10, 100).samples()).isEmpty();
    }

    @Test
    void collect_reportsPerSecondRatesAndBusyPercentBetweenRounds() {
        collect(1_000, 2_000, 10, 20, 100);
        clock.advance(Duration.ofSeconds(10));
        RecordingSink sink = collect(11_000, 52_000, 60, 120, 2_600);

        assertThat(sink.value("disk.read_bytes_per_second", SDA)).contains(1_000.0);
        assertThat(sink.value("disk.write_bytes_per_second", SDA)).contains(5_000.0);
        assertThat(sink.value("disk.read_operations_per_second", SDA)).contains(5.0);
        assertThat(sink.value("disk.write_operations_per_second", SDA)).contains(10.0);
        assertThat(sink.value("disk.busy_percent", SDA)).contains(25.0);
    }

    @Test
    void collect_busyPercentIsCappedAt100() {
        collect(0, 0, 0, 0, 0);
        clock.advance(Duration.ofSeconds(1));
        assertThat(collect(0, 0, 0, 0, 1_500).value("disk.busy_percent", SDA)).contains(100.0);
    }

    @Test
    void collect_counterResetEmitsNoRateForThatIntervalOnly() {
        collect(1_000_000, 1_000, 10, 10, 100);
        clock.advance(Duration.ofSeconds(10));
        RecordingSink afterReset = collect(500, 2_000, 10, 10, 100);
        clock.advance(Duration.ofSeconds(10));
        RecordingSink next = collect(10_500, 2_000, 10, 10, 100);

        assertThat(afterReset.names()).doesNotContain("disk.read_bytes_per_second")
                .contains("disk.write_bytes_per_second");
        assertThat(afterReset.samples()).allMatch(s -> s.value() >= 0);
        assertThat(next.value("disk.read_bytes_per_second", SDA)).contains(1_000.0);
    }
}
