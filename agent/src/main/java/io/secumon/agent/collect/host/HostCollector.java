package io.secumon.agent.collect.host;

import io.secumon.agent.collect.Collector;
import io.secumon.agent.collect.SampleSink;
import java.util.Map;
import oshi.software.os.OperatingSystem;
import oshi.software.os.OperatingSystem.OSVersionInfo;

/**
 * Uptime, boot time and an info series.
 *
 * <p>{@code host.info} is always 1: its labels ({@code os}, {@code os_version},
 * {@code kernel}) carry the facts, so an upgrade shows up as a new series and dashboards can
 * join on it, as with Prometheus' {@code *_info} convention.
 */
public final class HostCollector implements Collector {

    private final OperatingSystem os;

    public HostCollector(OperatingSystem os) {
        this.os = os;
    }

    @Override
    public String name() {
        return "host";
    }

    @Override
    public void collect(SampleSink sink) {
        sink.gauge("host.uptime_seconds", Map.of(), os.getSystemUptime());
        sink.gauge("host.boot_time_seconds", Map.of(), os.getSystemBootTime());
        OSVersionInfo version = os.getVersionInfo();
        sink.gauge("host.info", Map.of(
                "os", nonNull(os.getFamily()),
                "os_version", nonNull(version.getVersion()),
                // OSHI puts the kernel release in the build number on Linux and the BSDs
                "kernel", nonNull(version.getBuildNumber())), 1);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
