package io.secumon.api.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The disk dashboard of an agent: space and inodes per mounted file system, and throughput,
 * operations and busy time per block device, from the latest values of its most recent
 * collection (see {@link CurrentValues}).
 *
 * <p>A file system entry is {@code {mount, device, type, total_bytes, used_bytes, free_bytes,
 * used_percent, total_inodes, free_inodes, timestamp}} and a disk entry is {@code {device,
 * read_bytes_per_second, write_bytes_per_second, read_operations_per_second,
 * write_operations_per_second, busy_percent, timestamp}}: one field per metric the agent
 * sent, named after the metric without its {@code filesystem.} or {@code disk.} prefix.
 */
public record DiskView(@JsonProperty("agent_id") UUID agentId, List<Map<String, Object>> filesystems,
                       List<Map<String, Object>> disks) {

    /** The metrics the view reads. */
    static final MetricFilter METRICS = MetricFilter.prefixes("filesystem.", "disk.");

    static DiskView of(UUID agent, List<LatestValue> latest) {
        return new DiskView(agent,
                CurrentValues.of(latest, CurrentValues.metricPrefix("filesystem."))
                        .groupBy("filesystem.", "mount", "device", "type"),
                CurrentValues.of(latest, CurrentValues.metricPrefix("disk.")).groupBy("disk.", "device"));
    }
}
