package io.secumon.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.agent.ship.IngestClient;
import io.secumon.agent.ship.PushSession;
import io.secumon.agent.simulate.Simulator;
import io.secumon.edge.auth.EnrolledAgent;
import io.secumon.edge.auth.Enrollment;
import io.secumon.launcher.bench.StoredSamples;
import io.secumon.launcher.component.Pipeline;
import io.secumon.pipeline.batch.MetricBatchBuilder;
import io.secumon.pipeline.topology.Destinations;
import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.testing.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The spine end to end: edge, normalize and store started as separate processes from
 * their executable jars, on the real broker and database, fed by the real gRPC client.
 */
class PipelineEndToEndTest {

    private static final Duration STORED_WITHIN = Duration.ofSeconds(90);
    /** Sample values are unique across the whole class, so duplicates are countable. */
    private static final AtomicLong VALUES = new AtomicLong(1);

    private static RunningPipeline running;
    private static PGSimpleDataSource dataSource;
    private static Map<String, String> environment;
    private static Pipeline pipeline;
    private static StoredSamples stored;
    private static String tenantName;

    @BeforeAll
    static void startPipeline() {
        running = RunningPipeline.start("e2e-logs");
        dataSource = running.dataSource;
        environment = running.environment;
        pipeline = running.pipeline;
        stored = new StoredSamples(dataSource);
        tenantName = "e2e-" + UUID.randomUUID();
    }

    @AfterAll
    static void stopPipeline() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void tenThousandSamples_areStoredExactlyOnce_andTheAgentIsSeen() throws Exception {
        EnrolledAgent agent = Enrollment.enroll(dataSource, tenantName, "bulk");
        Instant before = Instant.now().minusSeconds(1);

        Simulator pusher = new Simulator("127.0.0.1", pipeline.edgePort(), true, Clock.systemUTC());
        pusher.flood(List.of(new Simulator.Agent(agent.agentId().toString(), agent.token())),
                new Simulator.Plan(100, 100, 16, VALUES.getAndAdd(10_000)));

        assertThat(pusher.acked()).isEqualTo(100);
        StoredSamples.Counts counts = awaitRows(agent, 10_000);
        assertThat(counts.rows()).isEqualTo(10_000);
        assertThat(counts.distinctValues()).isEqualTo(10_000);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT last_seen, status, hostname FROM agents WHERE id = ?")) {
            query.setObject(1, agent.agentId());
            try (ResultSet rs = query.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getTimestamp(1).toInstant()).isAfter(before);
                assertThat(rs.getString(2)).isEqualTo("online");
                assertThat(rs.getString(3)).startsWith("sim-");
            }
        }
    }

    @Test
    void theSameBatchPushedTwice_isStoredOnce() throws Exception {
        EnrolledAgent agent = Enrollment.enroll(dataSource, tenantName, "twice");
        MetricBatch batch = batch(agent, 50);
        MetricBatch later = batch(agent, 1);

        try (IngestClient client = IngestClient.connect("127.0.0.1", pipeline.edgePort(), agent.token(), true)) {
            for (MetricBatch push : List.of(batch, batch, later)) {
                // A new stream each time, as an agent retrying after a reconnect would.
                try (PushSession session = client.openSession()) {
                    session.push(push).get(30, TimeUnit.SECONDS);
                }
            }
        }

        awaitRows(agent, 51);
        awaitQueuesDrained();
        StoredSamples.Counts counts = stored.counts(agent.tenantId(), agent.agentId());
        assertThat(counts.rows()).isEqualTo(51);
        assertThat(counts.duplicated()).isZero();
    }

    @Test
    void storeAndNormalizeKilledMidStream_loseAndDuplicateNothing() throws Exception {
        EnrolledAgent agent = Enrollment.enroll(dataSource, tenantName, "crash");
        Simulator pusher = new Simulator("127.0.0.1", pipeline.edgePort(), true, Clock.systemUTC());
        Thread pushing = Thread.ofPlatform().start(() -> {
            try {
                pusher.flood(List.of(new Simulator.Agent(agent.agentId().toString(), agent.token())),
                        new Simulator.Plan(300, 100, 4, VALUES.getAndAdd(30_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        awaitAcked(pusher, 40);
        pipeline.store().kill();
        awaitAcked(pusher, 100);
        pipeline.normalize().kill();
        awaitAcked(pusher, 160);
        pipeline.normalize().start();
        pipeline.store().start();
        pipeline.awaitConsumer(pipeline.normalize(), Destinations.INGEST, Destinations.NORMALIZE_GROUP,
                Duration.ofSeconds(120));
        pipeline.awaitConsumer(pipeline.store(), Destinations.SAMPLES, Destinations.STORE_GROUP,
                Duration.ofSeconds(120));
        pushing.join(TimeUnit.MINUTES.toMillis(3));

        assertThat(pusher.acked()).isEqualTo(300);
        StoredSamples.Counts counts = awaitRows(agent, 30_000);
        awaitQueuesDrained();
        counts = stored.counts(agent.tenantId(), agent.agentId());
        assertThat(counts.distinctValues()).as("samples the edge acknowledged").isEqualTo(30_000);
        assertThat(counts.duplicated()).isZero();
    }

    private static MetricBatch batch(EnrolledAgent agent, int samples) {
        long now = System.currentTimeMillis();
        MetricBatchBuilder builder = new MetricBatchBuilder(
                AgentIdentity.newBuilder().setAgentId(agent.agentId().toString()).build(), now);
        for (int i = 0; i < samples; i++) {
            builder.gauge("e2e.value_units", Map.of("n", Integer.toString(i)), VALUES.getAndIncrement(), now);
        }
        return builder.build();
    }

    private static StoredSamples.Counts awaitRows(EnrolledAgent agent, long expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + STORED_WITHIN.toNanos();
        StoredSamples.Counts counts = stored.counts(agent.tenantId(), agent.agentId());
        while (counts.rows() < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            counts = stored.counts(agent.tenantId(), agent.agentId());
        }
        return counts;
    }

    private static void awaitAcked(Simulator pusher, long acked) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pusher.acked() < acked) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + pusher.acked() + " batches acked, expected " + acked);
            }
            Thread.sleep(20);
        }
    }

    /** Waits until both queues are empty and nothing is unacknowledged, then a little more. */
    private static void awaitQueuesDrained() throws Exception {
        String prefix = environment.get("SECUMON_DESTINATION_PREFIX");
        try (var connection = TestServices.rabbit().connect(); var channel = connection.createChannel()) {
            long deadline = System.nanoTime() + STORED_WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                long ready = channel.messageCount(Destinations.queue(prefix, Destinations.INGEST,
                        Destinations.NORMALIZE_GROUP))
                        + channel.messageCount(Destinations.queue(prefix, Destinations.SAMPLES,
                        Destinations.STORE_GROUP));
                if (ready == 0) {
                    // Ready counts exclude messages being processed; give those time to commit.
                    Thread.sleep(1500);
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("queues did not drain");
    }
}
