package io.secumon.agent.collect.disk;

import io.secumon.agent.collect.Collector;
import io.secumon.agent.collect.RateTracker;
import io.secumon.agent.collect.SampleSink;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import oshi.hardware.HWDiskStore;

/**
 * Throughput, operations and busy time per block device, labelled {@code device}.
 *
 * <p>All values are rates between two collections (see {@link RateTracker}): nothing on the
 * first collection, nothing for an interval in which a counter went backwards. Busy percent
 * is the device's transfer time (milliseconds with I/O in flight) over wall time, capped at
 * 100 because the kernel counts overlapping requests on some devices.
 */
public final class DiskCollector implements Collector {

    private final Supplier<List<HWDiskStore>> disks;
    private final RateTracker rates;

    /** @param disks fresh disk snapshots on each call (OSHI's {@code getDiskStores}) */
    public DiskCollector(Supplier<List<HWDiskStore>> disks, Clock clock) {
        this.disks = disks;
        this.rates = new RateTracker(clock);
    }

    @Override
    public String name() {
        return "disk";
    }

    @Override
    public void collect(SampleSink sink) {
        for (HWDiskStore disk : disks.get()) {
            String device = disk.getName();
            Map<String, String> labels = Map.of("device", device);
            rates.gaugePerSecond(sink, "disk.read_bytes_per_second", labels, device, disk.getReadBytes());
            rates.gaugePerSecond(sink, "disk.write_bytes_per_second", labels, device, disk.getWriteBytes());
            rates.gaugePerSecond(sink, "disk.read_operations_per_second", labels, device, disk.getReads());
            rates.gaugePerSecond(sink, "disk.write_operations_per_second", labels, device, disk.getWrites());
            rates.observe(device + "|transfer", disk.getTransferTime()).ifPresent(c ->
                    sink.gauge("disk.busy_percent", labels, Math.min(100.0, c.delta() * 100.0 / c.elapsedMillis())));
        }
    }
}
