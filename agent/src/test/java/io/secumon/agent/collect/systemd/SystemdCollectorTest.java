package io.secumon.agent.collect.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.agent.collect.LogCapture;
import io.secumon.agent.collect.RecordingSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemdCollectorTest {

    private static final String LIST_UNITS = """
            cron.service                 loaded    active   running Regular background program processing daemon
            nginx.service                loaded    failed   failed  A high performance web server
            ssh.service                  loaded    active   running OpenBSD Secure Shell server
            systemd-fsck@dev.service     loaded    inactive dead    File System Check on /dev/sda1
            ghost.service                not-found inactive dead    ghost.service
            """;

    @Test
    void collect_reportsEachUnitsActiveStateAndCountsPerState() {
        List<List<String>> commands = new ArrayList<>();
        RecordingSink sink = new RecordingSink();

        new SystemdCollector(command -> {
            commands.add(command);
            return LIST_UNITS;
        }).collect(sink);

        assertThat(commands).containsExactly(List.of(
                "systemctl", "list-units", "--type=service", "--all", "--no-legend", "--no-pager", "--plain"));
        assertThat(sink.named("service.active")).hasSize(5).allMatch(s -> s.value() == 1.0);
        assertThat(sink.value("service.active", Map.of("unit", "cron.service", "state", "active"))).contains(1.0);
        assertThat(sink.value("service.active", Map.of("unit", "nginx.service", "state", "failed"))).contains(1.0);
        assertThat(sink.value("service.active", Map.of("unit", "ghost.service", "state", "inactive"))).contains(1.0);
        assertThat(sink.value("service.count", Map.of("state", "active"))).contains(2.0);
        assertThat(sink.value("service.count", Map.of("state", "failed"))).contains(1.0);
        assertThat(sink.value("service.count", Map.of("state", "inactive"))).contains(2.0);
        assertThat(sink.value("service.count", Map.of("state", "activating"))).contains(0.0);
    }

    @Test
    void collect_toleratesBulletPrefixAndBlankLines() {
        RecordingSink sink = new RecordingSink();

        new SystemdCollector(command -> "\n● bad.service loaded failed failed Broken\n\n").collect(sink);

        assertThat(sink.value("service.active", Map.of("unit", "bad.service", "state", "failed"))).contains(1.0);
    }

    @Test
    void collect_withoutSystemdEmitsNothingLogsOnceAndStopsTrying() {
        int[] calls = {0};
        SystemdCollector collector = new SystemdCollector(command -> {
            calls[0]++;
            throw new IOException("Cannot run program \"systemctl\": error=2, No such file or directory");
        });
        RecordingSink sink = new RecordingSink();

        try (LogCapture logs = new LogCapture(SystemdCollector.class)) {
            for (int round = 0; round < 5; round++) {
                collector.collect(sink);
            }

            assertThat(sink.samples()).isEmpty();
            assertThat(logs.messages()).hasSize(1).first().asString().contains("not collected");
        }
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void collect_afterItWorkedRetriesAFailureEveryRoundLoggingItOnce() {
        int[] round = {0};
        SystemdCollector collector = new SystemdCollector(command -> {
            round[0]++;
            if (round[0] >= 2 && round[0] <= 4) {
                throw new IOException("systemctl timed out");
            }
            return LIST_UNITS;
        });
        RecordingSink sink = new RecordingSink();

        try (LogCapture logs = new LogCapture(SystemdCollector.class)) {
            for (int i = 0; i < 5; i++) {
                collector.collect(sink);
            }

            assertThat(logs.messages()).hasSize(2);
        }
        assertThat(sink.named("service.active")).hasSize(10);
    }

    @Test
    void processCommandRunner_onThisHostFailsCleanlyOrAnswers() {
        RecordingSink sink = new RecordingSink();

        // whether or not this host runs systemd, a round neither throws nor reports garbage
        new SystemdCollector(new ProcessCommandRunner(java.time.Duration.ofSeconds(5))).collect(sink);

        assertThat(sink.named("service.active")).allMatch(s -> s.labels().containsKey("unit"));
    }
}
