package io.secumon.launcher.bench.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The series every benchmark agent has: the canonical names and labels the real agent's
 * collectors emit (cpu, memory, two file systems, a disk, an interface, TCP states, two
 * processes...), so that metric filters and multi-series metrics behave as in production.
 * Fifty of them; more are further CPU cores.
 */
final class SeriesCatalog {

    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final double MIB = 1024.0 * 1024;

    /**
     * One series and how its values move: {@code base}, a daily wave of {@code amplitude}, and
     * noise of up to {@code noise} either way.
     */
    record Shape(String metric, Map<String, String> labels, double base, double amplitude, double noise) {

        Shape {
            labels = Map.copyOf(labels);
        }

        /** The labels as a JSON object, keys sorted. */
        String labelsJson() {
            StringBuilder json = new StringBuilder("{");
            new TreeMap<>(labels).forEach((k, v) -> json.append(json.length() > 1 ? ", " : "")
                    .append('"').append(k).append("\": \"").append(v).append('"'));
            return json.append('}').toString();
        }

        /**
         * The value at {@code minute} (minutes since the epoch) of the agent with this
         * {@code phase}; {@code salt} makes the noise differ between series.
         */
        double value(long minute, double phase, long salt) {
            double day = 2 * Math.PI * (minute % 1440) / 1440.0;
            double v = base + amplitude * Math.sin(day + phase) + noise * noise(minute, salt);
            v = Math.max(0, v);
            return metric.endsWith("_percent") ? Math.min(100, v) : v;
        }

        /** Deterministic noise in [-1, 1) (a SplitMix64 step), so reruns load the same data. */
        private static double noise(long minute, long salt) {
            long z = minute * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            return (z >>> 11) * 0x1.0p-52 - 1;
        }
    }

    private static final List<Shape> BASE = base();

    private SeriesCatalog() {
    }

    /** The first {@code n} series of the catalog. */
    static List<Shape> first(int n) {
        List<Shape> shapes = new ArrayList<>(BASE.subList(0, Math.min(n, BASE.size())));
        for (int core = 4; shapes.size() < n; core++) {
            shapes.add(new Shape("cpu.core_usage_percent", Map.of("core", Integer.toString(core)), 35, 20, 15));
        }
        return shapes;
    }

    private static List<Shape> base() {
        List<Shape> s = new ArrayList<>();
        s.add(new Shape("cpu.usage_percent", Map.of(), 35, 20, 8));
        s.add(new Shape("cpu.user_percent", Map.of(), 25, 15, 6));
        s.add(new Shape("cpu.system_percent", Map.of(), 8, 4, 2));
        s.add(new Shape("cpu.iowait_percent", Map.of(), 2, 1, 1));
        s.add(new Shape("cpu.steal_percent", Map.of(), 0.5, 0.2, 0.3));
        s.add(new Shape("cpu.load1", Map.of(), 1.2, 0.8, 0.5));
        s.add(new Shape("cpu.load5", Map.of(), 1.1, 0.7, 0.2));
        s.add(new Shape("cpu.load15", Map.of(), 1.0, 0.6, 0.1));
        s.add(new Shape("cpu.logical_cores", Map.of(), 4, 0, 0));
        for (int core = 0; core < 4; core++) {
            s.add(new Shape("cpu.core_usage_percent", Map.of("core", Integer.toString(core)), 35, 20, 15));
        }
        s.add(new Shape("memory.total_bytes", Map.of(), 8 * GIB, 0, 0));
        s.add(new Shape("memory.available_bytes", Map.of(), 3 * GIB, GIB, 0.1 * GIB));
        s.add(new Shape("memory.used_bytes", Map.of(), 5 * GIB, GIB, 0.1 * GIB));
        s.add(new Shape("memory.used_percent", Map.of(), 62, 12, 1));
        s.add(new Shape("memory.swap_total_bytes", Map.of(), 2 * GIB, 0, 0));
        s.add(new Shape("memory.swap_used_bytes", Map.of(), 100 * MIB, 20 * MIB, 5 * MIB));
        for (Map<String, String> fs : List.of(Map.of("mount", "/", "device", "/dev/vda1", "type", "ext4"),
                Map.of("mount", "/var", "device", "/dev/vdb1", "type", "xfs"))) {
            s.add(new Shape("filesystem.total_bytes", fs, 100 * GIB, 0, 0));
            s.add(new Shape("filesystem.used_bytes", fs, 40 * GIB, 2 * GIB, 0.01 * GIB));
            s.add(new Shape("filesystem.free_bytes", fs, 60 * GIB, 2 * GIB, 0.01 * GIB));
            s.add(new Shape("filesystem.used_percent", fs, 40, 2, 0.01));
        }
        Map<String, String> disk = Map.of("device", "vda");
        s.add(new Shape("disk.read_bytes_per_second", disk, 2 * MIB, 1.5 * MIB, MIB));
        s.add(new Shape("disk.write_bytes_per_second", disk, 4 * MIB, 3 * MIB, 2 * MIB));
        s.add(new Shape("disk.read_operations_per_second", disk, 60, 40, 30));
        s.add(new Shape("disk.write_operations_per_second", disk, 120, 80, 60));
        s.add(new Shape("disk.busy_percent", disk, 12, 8, 6));
        Map<String, String> nic = Map.of("interface", "eth0");
        s.add(new Shape("net.received_bytes_per_second", nic, 1.5 * MIB, MIB, 0.5 * MIB));
        s.add(new Shape("net.sent_bytes_per_second", nic, 0.8 * MIB, 0.5 * MIB, 0.3 * MIB));
        s.add(new Shape("net.received_packets_per_second", nic, 1500, 1000, 500));
        s.add(new Shape("net.sent_packets_per_second", nic, 1100, 700, 400));
        s.add(new Shape("net.receive_errors_per_second", nic, 0, 0, 0.2));
        s.add(new Shape("net.send_errors_per_second", nic, 0, 0, 0.2));
        s.add(new Shape("net.receive_drops_per_second", nic, 0.1, 0, 0.5));
        s.add(new Shape("net.tcp_connections", Map.of("state", "established"), 120, 60, 20));
        s.add(new Shape("net.tcp_connections", Map.of("state", "time_wait"), 40, 30, 15));
        s.add(new Shape("net.tcp_connections", Map.of("state", "listen"), 12, 0, 0));
        s.add(new Shape("process.count", Map.of("state", "running"), 3, 2, 2));
        s.add(new Shape("process.count", Map.of("state", "sleeping"), 180, 10, 5));
        s.add(new Shape("host.uptime_seconds", Map.of(), 2_592_000, 43_200, 0));
        s.add(new Shape("host.boot_time_seconds", Map.of(), 1_790_000_000, 0, 0));
        for (Map<String, String> process : List.of(Map.of("pid", "1234", "name", "java", "user", "secumon"),
                Map.of("pid", "812", "name", "postgres", "user", "postgres"))) {
            s.add(new Shape("process.cpu_percent", process, 15, 10, 8));
            s.add(new Shape("process.rss_bytes", process, 600 * MIB, 100 * MIB, 20 * MIB));
        }
        return List.copyOf(s);
    }
}
