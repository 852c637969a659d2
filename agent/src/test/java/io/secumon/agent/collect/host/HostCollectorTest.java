package io.secumon.agent.collect.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.secumon.agent.collect.RecordingSink;
import java.util.Map;
import org.junit.jupiter.api.Test;
import oshi.software.os.OperatingSystem;
import oshi.software.os.OperatingSystem.OSVersionInfo;

class HostCollectorTest {

    @Test
    void collect_reportsUptimeBootTimeAndAnInfoSeriesCarryingOsAndKernel() {
        OperatingSystem os = mock(OperatingSystem.class);
        when(os.getSystemUptime()).thenReturn(3_600L);
        when(os.getSystemBootTime()).thenReturn(1_767_225_600L);
        when(os.getFamily()).thenReturn("Ubuntu");
        when(os.getVersionInfo()).thenReturn(new OSVersionInfo("24.04", "Noble", "6.8.0-45-generic"));
        RecordingSink sink = new RecordingSink();

        new HostCollector(os).collect(sink);

        assertThat(sink.value("host.uptime_seconds", Map.of())).contains(3_600.0);
        assertThat(sink.value("host.boot_time_seconds", Map.of())).contains(1_767_225_600.0);
        assertThat(sink.value("host.info",
                Map.of("os", "Ubuntu", "os_version", "24.04", "kernel", "6.8.0-45-generic"))).contains(1.0);
    }
}
