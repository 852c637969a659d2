package io.secumon.agent.collect.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.agent.collect.LogCapture;
import io.secumon.agent.collect.RecordingSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerCollectorTest {

    private static final String CONTAINERS = """
            [{"Id":"aaa111","Names":["/web"],"Image":"nginx:1.27","State":"running"},
             {"Id":"bbb222","Names":["/db"],"Image":"postgres:17","State":"running"},
             {"Id":"ccc333","Names":["/job"],"Image":"busybox","State":"exited"}]
            """;

    /** docker stats: (400-200)/(20000-10000) * 2 cpus * 100 = 4 %. */
    private static final String WEB_STATS = """
            {"memory_stats":{"usage":52428800,"limit":2147483648},
             "cpu_stats":{"cpu_usage":{"total_usage":400},"system_cpu_usage":20000,"online_cpus":2},
             "precpu_stats":{"cpu_usage":{"total_usage":200},"system_cpu_usage":10000,"online_cpus":2}}
            """;

    @TempDir
    Path dir;

    private Path socket() throws IOException {
        return Files.createFile(dir.resolve("docker.sock"));
    }

    @Test
    void collect_reportsRunningCountsMemoryAndCpuFromTheStatsDeltas() throws IOException {
        Map<String, DockerApi.Response> answers = new HashMap<>();
        answers.put("/containers/json?all=1", new DockerApi.Response(200, CONTAINERS));
        answers.put("/containers/aaa111/stats?stream=false&one-shot=true", new DockerApi.Response(200, WEB_STATS));
        // the db vanished between the list and its stats: its state is still reported
        answers.put("/containers/bbb222/stats?stream=false&one-shot=true", new DockerApi.Response(404, "{}"));
        RecordingSink sink = new RecordingSink();

        new DockerCollector(socket(), answers::get).collect(sink);

        assertThat(sink.value("container.running", Map.of("name", "web", "image", "nginx:1.27"))).contains(1.0);
        assertThat(sink.value("container.running", Map.of("name", "db", "image", "postgres:17"))).contains(1.0);
        assertThat(sink.value("container.running", Map.of("name", "job", "image", "busybox"))).contains(0.0);
        assertThat(sink.value("container.count", Map.of("state", "running"))).contains(2.0);
        assertThat(sink.value("container.count", Map.of("state", "exited"))).contains(1.0);
        assertThat(sink.value("container.count", Map.of("state", "paused"))).contains(0.0);
        assertThat(sink.value("container.memory_bytes", Map.of("name", "web"))).contains(52428800.0);
        assertThat(sink.value("container.cpu_percent", Map.of("name", "web"))).contains(4.0);
        assertThat(sink.named("container.memory_bytes")).hasSize(1);
    }

    @Test
    void collect_withOneShotStatsTakesCpuDeltasFromThePreviousRound() throws IOException {
        String[] stats = {oneShot(1_000, 100_000), oneShot(51_000, 200_000)};
        int[] round = {0};
        DockerApi api = path -> path.startsWith("/containers/json")
                ? new DockerApi.Response(200, "[{\"Id\":\"aaa111\",\"Names\":[\"/web\"],\"Image\":\"nginx\",\"State\":\"running\"}]")
                : new DockerApi.Response(200, stats[round[0]]);
        DockerCollector collector = new DockerCollector(socket(), api);
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();

        collector.collect(first);
        round[0] = 1;
        collector.collect(second);

        assertThat(first.named("container.cpu_percent")).isEmpty();
        // (51000-1000)/(200000-100000) * 4 cpus * 100
        assertThat(second.value("container.cpu_percent", Map.of("name", "web"))).contains(200.0);
    }

    private static String oneShot(long total, long system) {
        return "{\"memory_stats\":{\"usage\":1},\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":" + total
                + ",\"percpu_usage\":[1,2,3,4]},\"system_cpu_usage\":" + system
                + "},\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":0},\"system_cpu_usage\":0}}";
    }

    @Test
    void collect_withoutTheSocketEmitsNothingAndNeverCallsTheDaemon() {
        int[] calls = {0};
        DockerCollector collector = new DockerCollector(dir.resolve("absent.sock"), path -> {
            calls[0]++;
            throw new IOException("unexpected");
        });
        RecordingSink sink = new RecordingSink();

        try (LogCapture logs = new LogCapture(DockerCollector.class)) {
            collector.collect(sink);
            collector.collect(sink);

            assertThat(logs.messages()).hasSize(1);
        }
        assertThat(sink.samples()).isEmpty();
        assertThat(calls[0]).isZero();
    }

    @Test
    void collect_whenTheDaemonFailsEmitsNothingLogsOncePerOutageAndRetries() throws IOException {
        boolean[] down = {true};
        DockerApi api = path -> {
            if (down[0]) {
                throw new IOException("Connection refused");
            }
            return new DockerApi.Response(200, "[]");
        };
        DockerCollector collector = new DockerCollector(socket(), api);
        RecordingSink whileDown = new RecordingSink();
        RecordingSink afterwards = new RecordingSink();

        try (LogCapture logs = new LogCapture(DockerCollector.class)) {
            collector.collect(whileDown);
            collector.collect(whileDown);
            collector.collect(whileDown);
            down[0] = false;
            collector.collect(afterwards);

            assertThat(logs.messages()).hasSize(2);
        }
        assertThat(whileDown.samples()).isEmpty();
        assertThat(afterwards.value("container.count", Map.of("state", "running"))).contains(0.0);
    }

    @Test
    void collect_malformedAnswerIsAFailureNotACrash() throws IOException {
        RecordingSink sink = new RecordingSink();

        new DockerCollector(socket(), path -> new DockerApi.Response(200, "<html>")).collect(sink);

        assertThat(sink.samples()).isEmpty();
    }
}
