package io.secumon.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The disk, network and process views, built from latest values as the agent sends them. */
class DashboardViewsTest {

    private static final UUID AGENT = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private static final Instant EARLIER = NOW.minusSeconds(60);

    private final List<LatestValue> latest = new ArrayList<>();

    private void value(String metric, Map<String, String> labels, double value, Instant at) {
        latest.add(new LatestValue(metric, labels, value, at));
    }

    @Test
    void disk_groupsFileSystemsByMountAndDisksByDevice() {
        Map<String, String> root = Map.of("mount", "/", "device", "/dev/sda1", "type", "ext4");
        Map<String, String> data = Map.of("mount", "/data", "device", "/dev/sdb1", "type", "xfs");
        value("filesystem.total_bytes", root, 100, NOW);
        value("filesystem.used_bytes", root, 40, NOW);
        value("filesystem.used_percent", root, 40, NOW);
        value("filesystem.total_bytes", data, 1000, NOW);
        value("disk.read_bytes_per_second", Map.of("device", "sda"), 512, NOW);
        value("disk.busy_percent", Map.of("device", "sda"), 3.5, NOW);

        DiskView view = DiskView.of(AGENT, latest);

        assertThat(view.agentId()).isEqualTo(AGENT);
        assertThat(view.filesystems()).containsExactly(
                Map.of("mount", "/", "device", "/dev/sda1", "type", "ext4", "total_bytes", 100.0,
                        "used_bytes", 40.0, "used_percent", 40.0, "timestamp", NOW),
                Map.of("mount", "/data", "device", "/dev/sdb1", "type", "xfs", "total_bytes", 1000.0,
                        "timestamp", NOW));
        assertThat(view.filesystems().get(0).keySet()).startsWith("mount", "device", "type");
        assertThat(view.disks()).containsExactly(Map.of("device", "sda", "read_bytes_per_second", 512.0,
                "busy_percent", 3.5, "timestamp", NOW));
    }

    @Test
    void disk_leavesOutFileSystemsNoLongerReported() {
        value("filesystem.total_bytes", Map.of("mount", "/", "device", "/dev/sda1", "type", "ext4"), 100, NOW);
        value("filesystem.total_bytes", Map.of("mount", "/mnt/usb", "device", "/dev/sdc1", "type", "vfat"), 8, EARLIER);
        // Disk rates are absent on an agent's first collection: the disk part keeps its own latest round.
        value("disk.busy_percent", Map.of("device", "sda"), 1, EARLIER);

        DiskView view = DiskView.of(AGENT, latest);

        assertThat(view.filesystems()).extracting(f -> f.get("mount")).containsExactly("/");
        assertThat(view.disks()).extracting(d -> d.get("device")).containsExactly("sda");
    }

    @Test
    void currentRound_toleratesSamplesStampedSeparatelyWithinHalfASecond() {
        value("filesystem.total_bytes", Map.of("mount", "/", "device", "a", "type", "ext4"), 1, NOW);
        value("filesystem.total_bytes", Map.of("mount", "/b", "device", "b", "type", "ext4"), 1, NOW.minusMillis(400));
        value("filesystem.total_bytes", Map.of("mount", "/c", "device", "c", "type", "ext4"), 1, NOW.minusMillis(600));

        assertThat(DiskView.of(AGENT, latest).filesystems()).extracting(f -> f.get("mount")).containsExactly("/", "/b");
    }

    @Test
    void network_groupsInterfacesAndCountsTcpStates() {
        value("net.received_bytes_per_second", Map.of("interface", "eth0"), 1000, NOW);
        value("net.sent_bytes_per_second", Map.of("interface", "eth0"), 200, NOW);
        value("net.received_bytes_per_second", Map.of("interface", "lo"), 10, NOW);
        value("net.received_bytes_per_second", Map.of("interface", "veth123"), 10, EARLIER); // removed container
        value("net.tcp_connections", Map.of("state", "established"), 12, NOW);
        value("net.tcp_connections", Map.of("state", "time_wait"), 3, NOW);
        value("net.tcp_connections", Map.of("state", "listen"), 0, NOW);

        NetworkView view = NetworkView.of(AGENT, latest);

        assertThat(view.interfaces()).containsExactly(
                Map.of("interface", "eth0", "received_bytes_per_second", 1000.0, "sent_bytes_per_second", 200.0,
                        "timestamp", NOW),
                Map.of("interface", "lo", "received_bytes_per_second", 10.0, "timestamp", NOW));
        assertThat(view.tcp().states()).containsExactly(Map.entry("established", 12L), Map.entry("listen", 0L),
                Map.entry("time_wait", 3L));
        assertThat(view.tcp().total()).isEqualTo(15);
        assertThat(view.tcp().timestamp()).isEqualTo(NOW);
    }

    @Test
    void network_withoutDataIsEmpty() {
        NetworkView view = NetworkView.of(AGENT, latest);

        assertThat(view.interfaces()).isEmpty();
        assertThat(view.tcp()).isEqualTo(new NetworkView.Tcp(Map.of(), 0, null));
    }

    @Test
    void processes_countsStatesAndListsCurrentTopProcessesHeaviestFirst() {
        value("process.count", Map.of("state", "running"), 2, NOW);
        value("process.count", Map.of("state", "sleeping"), 180, NOW);
        value("process.count", Map.of("state", "zombie"), 1, NOW);
        Map<String, String> java = Map.of("pid", "4242", "name", "java", "user", "secumon");
        Map<String, String> postgres = Map.of("pid", "900", "name", "postgres", "user", "postgres");
        Map<String, String> fresh = Map.of("pid", "77", "name", "cc1", "user", "dev");
        Map<String, String> exited = Map.of("pid", "66", "name", "make", "user", "dev");
        value("process.cpu_percent", java, 150, NOW);
        value("process.rss_bytes", java, 2e9, NOW);
        value("process.cpu_percent", postgres, 20, NOW);
        value("process.rss_bytes", postgres, 5e8, NOW);
        value("process.rss_bytes", fresh, 9e8, NOW); // first seen: no CPU rate yet
        value("process.cpu_percent", exited, 99, EARLIER);
        value("process.rss_bytes", exited, 1e8, EARLIER);

        ProcessView view = ProcessView.of(AGENT, latest);

        assertThat(view.states()).containsExactly(Map.entry("running", 2L), Map.entry("sleeping", 180L),
                Map.entry("zombie", 1L));
        assertThat(view.total()).isEqualTo(183);
        assertThat(view.timestamp()).isEqualTo(NOW);
        assertThat(view.top()).extracting(p -> p.get("name")).containsExactly("java", "postgres", "cc1");
        assertThat(view.top().get(0)).isEqualTo(Map.of("pid", 4242L, "name", "java", "user", "secumon",
                "cpu_percent", 150.0, "rss_bytes", 2e9, "timestamp", NOW));
        assertThat(view.top().get(2)).doesNotContainKey("cpu_percent");
    }
}
