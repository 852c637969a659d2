package io.secumon.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.agent.collect.Collectors;
import io.secumon.agent.spool.BatchSequence;
import io.secumon.agent.spool.Spool;
import io.secumon.pipeline.batch.MetricBatchBuilder;
import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.MetricBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentTest {

    @TempDir
    Path dir;

    private final AgentIdentity identity = AgentIdentity.newBuilder().setAgentId("a-1").build();
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static Collectors fake() {
        return new Collectors(List.of(
                new io.secumon.agent.collect.Collector() {
                    public String name() {
                        return "cpu";
                    }

                    public void collect(io.secumon.agent.collect.SampleSink sink) {
                        sink.gauge("cpu.usage_percent", Map.of(), 12.5);
                    }
                },
                new io.secumon.agent.collect.Collector() {
                    public String name() {
                        return "memory";
                    }

                    public void collect(io.secumon.agent.collect.SampleSink sink) {
                        sink.gauge("memory.total_bytes", Map.of(), 1024);
                    }
                }));
    }

    @Test
    void collect_putsOneRoundOfAllCollectorsIntoOneSpooledBatchWithIncreasingSequence() throws IOException {
        Spool spool = Spool.open(dir, Spool.Limits.defaults());
        Agent agent = new Agent(fake(), identity, spool, BatchSequence.open(dir), clock);

        MetricBatch first = agent.collect();
        MetricBatch second = agent.collect();

        assertThat(MetricBatchBuilder.describe(first)).containsExactly("cpu.usage_percent=12.5", "memory.total_bytes=1024.0");
        assertThat(first.getSamplesList()).allMatch(s -> s.getOffsetMs() == 0);
        assertThat(first.getBaseTimeUnixMs()).isEqualTo(clock.millis());
        assertThat(first.getAgent()).isEqualTo(identity);
        assertThat(List.of(first.getSequence(), second.getSequence())).containsExactly(1L, 2L);
        assertThat(spool.peek(10)).containsExactly(first, second);
    }

    @Test
    void collect_afterARestart_continuesTheSequence() throws IOException {
        Spool spool = Spool.open(dir, Spool.Limits.defaults());
        new Agent(fake(), identity, spool, BatchSequence.open(dir), clock).collect();
        new Agent(fake(), identity, spool, BatchSequence.open(dir), clock).collect();

        // a new process: the spool and the sequence are opened again from the directory
        Agent restarted = new Agent(fake(), identity, Spool.open(dir, Spool.Limits.defaults()),
                BatchSequence.open(dir), clock);

        assertThat(restarted.collect().getSequence()).isEqualTo(3L);
    }

    @Test
    void start_collectsEveryIntervalUntilClosed() throws Exception {
        Spool spool = Spool.open(dir, Spool.Limits.defaults());
        Agent agent = new Agent(fake(), identity, spool, BatchSequence.open(dir), Clock.systemUTC());

        agent.start(Duration.ofMillis(50));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (spool.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        agent.close();
        int afterClose = spool.size();
        Thread.sleep(150);

        assertThat(afterClose).isGreaterThanOrEqualTo(3);
        assertThat(spool.size()).isEqualTo(afterClose);
    }
}
