package io.secumon.launcher.footprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FootprintTest {

    @Test
    void readsRssAndCpuTicksFromProc() {
        assertThat(ProcStats.rssKb("Name:\tjava\nVmHWM:\t  70000 kB\nVmRSS:\t   51234 kB\nThreads:\t17\n"))
                .isEqualTo(51234);
        // The command may contain spaces and parentheses; fields 14-17 are utime stime cutime cstime.
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194304 100 0 0 0 150 25 3 4 20 0 17 0 9 0 0";
        assertThat(ProcStats.cpuTicks(stat)).isEqualTo(175);
        assertThat(ProcStats.childCpuTicks(stat)).isEqualTo(7);
    }

    @Test
    void peakRssOverEverythingCpuOnlyAfterWarmup() {
        Footprint f = new Footprint(20, 100);
        f.add(1, new ProcStats(90 * 1024, 300, 0));   // start-up: counts for RSS only
        f.add(20, new ProcStats(40 * 1024, 400, 0));
        f.add(120, new ProcStats(41 * 1024, 450, 0)); // 50 ticks = 0.5 s of CPU in 100 s
        assertThat(f.peakRssMb()).isEqualTo(90.0);
        assertThat(f.cpuPercent()).isEqualTo(0.5);
        assertThat(f.cpuSeconds()).isEqualTo(100);
    }

    @Test
    void flagsAndEnvironmentComeFromTheUnit() {
        String unit = "[Service]\n# ExecStart=java -Xmx1g -jar x\nEnvironment=MALLOC_ARENA_MAX=2\n"
                + "Environment=A=1 B=x=y\n"
                + "ExecStart=/usr/bin/java -XX:+UseSerialGC -Xmx48m -jar /opt/a.jar run --config /etc/a.yaml\n";
        ShippedLaunch launch = ShippedLaunch.parse(unit);
        assertThat(launch.jvmFlags()).containsExactly("-XX:+UseSerialGC", "-Xmx48m");
        assertThat(launch.environment()).containsExactlyInAnyOrderEntriesOf(
                Map.of("MALLOC_ARENA_MAX", "2", "A", "1", "B", "x=y"));
        assertThat(ShippedLaunch.read(Path.of("../..").toAbsolutePath().normalize()).jvmFlags())
                .contains("-XX:+UseSerialGC").doesNotContain("-jar");
    }

    @Test
    void aMalformedEnvironmentLineIsAnError() {
        String unit = "Environment=NOVALUE\nExecStart=/usr/bin/java -Xmx48m -jar /opt/a.jar\n";
        assertThatThrownBy(() -> ShippedLaunch.parse(unit)).hasMessageContaining("NAME=VALUE");
    }

    @Test
    void optionsDefaultToFiveMinutesAndRejectTooShortRuns() {
        assertThat(FootprintOptions.parse(new String[0], Map.of()).seconds()).isEqualTo(300);
        assertThat(FootprintOptions.parse(new String[] {"--seconds", "60"}, Map.of()).seconds()).isEqualTo(60);
        assertThat(FootprintOptions.parse(new String[0], Map.of("BENCH_SECONDS", "45")).seconds()).isEqualTo(45);
        assertThatThrownBy(() -> FootprintOptions.parse(new String[] {"--seconds", "10"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FootprintOptions.parse(new String[] {"--samples", "10"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
