package io.secumon.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectorsTest {

    @Test
    void of_listsOneCollectorPerSubsystem() {
        Collectors collectors = Collectors.of(LinuxHost.open(), Clock.systemUTC());

        assertThat(collectors.list()).extracting(Collector::name)
                .containsExactly(
                        "cpu", "memory", "filesystem", "disk", "network", "process", "host", "systemd", "docker");
    }

    @Test
    void names_matchTheCollectorsBuilt() {
        Collectors collectors = Collectors.of(LinuxHost.open(), Clock.systemUTC());

        assertThat(collectors.list()).extracting(Collector::name).containsExactlyElementsOf(Collectors.NAMES);
        assertThat(collectors.only(List.of("memory", "cpu")).list()).extracting(Collector::name)
                .containsExactly("cpu", "memory");
    }

    @Test
    void collect_onThisHostReportsPlausibleValuesForEverySubsystem() {
        RecordingSink sink = new RecordingSink();

        Collectors.of(LinuxHost.open(), Clock.systemUTC()).collect(sink);

        assertThat(sink.value("cpu.logical_cores", Map.of()).orElseThrow()).isGreaterThan(0);
        assertThat(sink.value("memory.total_bytes", Map.of()).orElseThrow()).isGreaterThan(0);
        assertThat(sink.value("memory.used_bytes", Map.of()).orElseThrow()).isGreaterThan(0);
        assertThat(sink.named("filesystem.total_bytes")).isNotEmpty().allMatch(s -> s.value() > 0);
        assertThat(sink.named("net.tcp_connections")).isNotEmpty();
        assertThat(sink.named("process.count").stream().mapToDouble(RecordingSink.Recorded::value).sum())
                .isGreaterThan(1);
        assertThat(sink.named("process.rss_bytes")).isNotEmpty();
        assertThat(sink.value("host.uptime_seconds", Map.of()).orElseThrow()).isGreaterThan(0);
        assertThat(sink.names()).allMatch(n -> n.matches("[a-z0-9_]+(\\.[a-z0-9_]+)+"));
    }

    @Test
    void collect_failingCollectorDoesNotCostTheOthersTheirSamples() {
        Collector broken = new Collector() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void collect(SampleSink sink) {
                throw new IllegalStateException("cannot read /proc");
            }
        };
        Collector working = new Collector() {
            @Override
            public String name() {
                return "working";
            }

            @Override
            public void collect(SampleSink sink) {
                sink.gauge("test.value_count", Map.of(), 1);
            }
        };
        RecordingSink sink = new RecordingSink();

        new Collectors(List.of(broken, working)).collect(sink);

        assertThat(sink.names()).containsExactly("test.value_count");
    }
}
