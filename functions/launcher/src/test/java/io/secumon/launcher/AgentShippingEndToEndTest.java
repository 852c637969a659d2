package io.secumon.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.agent.AgentService;
import io.secumon.agent.config.AgentConfig;
import io.secumon.edge.auth.EnrolledAgent;
import io.secumon.edge.auth.Enrollment;
import io.secumon.launcher.component.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.secumon.agent.collect.LinuxHost;

/**
 * The real agent (collectors, spool, shipper) against the pipeline running as separate
 * processes: what it collects lands in PostgreSQL, and an edge outage loses nothing.
 */
class AgentShippingEndToEndTest {

    private static RunningPipeline running;
    private static DataSource dataSource;
    private static Pipeline pipeline;

    @TempDir
    Path spool;

    @BeforeAll
    static void startPipeline() {
        running = RunningPipeline.start("e2e-logs/agent");
        dataSource = running.dataSource;
        pipeline = running.pipeline;
    }

    @AfterAll
    static void stopPipeline() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void agent_shipsWhatItCollects_intoPostgres() throws Exception {
        EnrolledAgent enrolled = Enrollment.enroll(dataSource, "agents", "collecting");
        try (AgentService agent = AgentService.start(config(enrolled), LinuxHost.open(), Clock.systemUTC())) {
            awaitUntil(Duration.ofSeconds(60), () -> metrics(enrolled).containsAll(
                    List.of("cpu.usage_percent", "memory.total_bytes", "memory.used_bytes")));
        }
        assertThat(metrics(enrolled)).contains("cpu.usage_percent", "memory.total_bytes");
    }

    @Test
    void edgeDownForThirtySeconds_everyBatchCollectedMeanwhileIsStoredOnce() throws Exception {
        EnrolledAgent enrolled = Enrollment.enroll(dataSource, "agents", "outage");
        try (AgentService agent = AgentService.start(config(enrolled), LinuxHost.open(), Clock.systemUTC())) {
            awaitUntil(Duration.ofSeconds(60), () -> collectionTimes(enrolled).size() >= 2);
            pipeline.edge().stop();
            long down = System.currentTimeMillis();
            Thread.sleep(30_000);
            pipeline.edge().start();
            pipeline.awaitEdge(Duration.ofSeconds(60));
            // Everything collected while the edge was away must arrive, plus a few newer.
            awaitUntil(Duration.ofSeconds(120), () -> {
                List<Long> times = collectionTimes(enrolled);
                return !times.isEmpty() && times.get(times.size() - 1) > down + 35_000;
            });
        }

        awaitStorageSettled(enrolled);
        // The agent numbers its batches 1, 2, 3...; the spool ships them in order, so the
        // stored sequences must be exactly 1..n: a gap is a lost batch, a repeat a duplicate.
        List<Long> sequences = new ArrayList<>();
        query("SELECT sequence FROM ingested_batches WHERE agent_id = ? ORDER BY sequence", enrolled.agentId(),
                rs -> sequences.add(rs.getLong(1)));
        assertThat(sequences).as("stored batch sequences").isEqualTo(
                java.util.stream.LongStream.rangeClosed(1, sequences.size()).boxed().toList());
        assertThat(sequences.size()).as("batches stored, one per second of the test").isGreaterThan(35);
        List<Long> times = collectionTimes(enrolled);
        assertThat(times).as("one memory.total_bytes row per collection").hasSize(sequences.size())
                .doesNotHaveDuplicates();
    }

    /** Acknowledged batches may still be on their way through normalize and store. */
    private static void awaitStorageSettled(EnrolledAgent agent) throws Exception {
        long[] last = {-1};
        long[] stableSince = {System.nanoTime()};
        awaitUntil(Duration.ofSeconds(60), () -> {
            long[] count = {0};
            query("SELECT count(*) FROM ingested_batches WHERE agent_id = ?", agent.agentId(),
                    rs -> count[0] = rs.getLong(1));
            if (count[0] != last[0]) {
                last[0] = count[0];
                stableSince[0] = System.nanoTime();
            }
            return System.nanoTime() - stableSince[0] > Duration.ofSeconds(3).toNanos();
        });
    }

    private AgentConfig config(EnrolledAgent enrolled) throws Exception {
        Path dir = Files.createDirectories(spool.resolve(enrolled.agentId().toString()));
        return new AgentConfig("e2e-" + enrolled.agentId(), Optional.of(enrolled.agentId()), Map.of("env", "test"),
                new AgentConfig.Endpoint("127.0.0.1", pipeline.edgePort()), Optional.of(enrolled.token()),
                AgentConfig.Tls.disabled(), Duration.ofSeconds(1), List.of("cpu", "memory"), dir, 16L << 20);
    }

    private static List<String> metrics(EnrolledAgent agent) throws SQLException {
        List<String> out = new ArrayList<>();
        query("SELECT DISTINCT r.metric FROM samples s JOIN series r ON r.id = s.series_id WHERE r.agent_id = ?",
                agent.agentId(), rs -> out.add(rs.getString(1)));
        return out;
    }

    /** When each stored collection was taken: memory.total_bytes is in every batch, once. */
    private static List<Long> collectionTimes(EnrolledAgent agent) throws SQLException {
        List<Long> out = new ArrayList<>();
        query("""
                SELECT (extract(epoch FROM s.ts) * 1000)::bigint FROM samples s JOIN series r ON r.id = s.series_id
                WHERE r.agent_id = ? AND r.metric = 'memory.total_bytes' ORDER BY s.ts""",
                agent.agentId(), rs -> out.add(rs.getLong(1)));
        return out;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(String sql, UUID agent, Row row) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, agent);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitUntil(Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(250);
        }
    }
}
