package io.secumon.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.secumon.edge.auth.EnrolledAgent;
import io.secumon.edge.auth.Enrollment;
import io.secumon.edge.config.EdgeConfig;
import io.secumon.edge.publish.AcceptedBatch;
import io.secumon.edge.publish.BatchPublisher;
import io.secumon.schema.SchemaMigrations;
import io.secumon.testing.TestDatabase;
import io.secumon.testing.TestServices;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EdgeServerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void start_reportsServingAndExposesMetrics() throws Exception {
        try (RunningEdge edge = RunningEdge.start(Map.of(EdgeConfig.METRICS_PORT, String.valueOf(freePort())))) {
            var health = HealthGrpc.newBlockingStub(edge.channel);
            assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
            assertThat(health.check(HealthCheckRequest.newBuilder().setService("secumon.v1.Ingest").build()).getStatus())
                    .isEqualTo(ServingStatus.SERVING);
            edge.push().send(Batches.valid(edge.agent.agentId(), 4).build()).halfClose().awaitEnd(WAIT);
            edge.push("Bearer wrong").send(Batches.valid(edge.agent.agentId(), 1).build()).awaitEnd(WAIT);

            HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + edge.server.metricsPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body())
                    .contains("secumon_edge_batches_accepted_total 1.0")
                    .contains("secumon_edge_samples_accepted_total 4.0")
                    .contains("secumon_edge_auth_failures_total{reason=\"unknown_token\"} 1.0")
                    .contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void stop_endsOpenStreamsWithUnavailableAfterAckingInFlightBatches() throws Exception {
        try (RunningEdge edge = RunningEdge.start()) {
            var batch = Batches.valid(edge.agent.agentId(), 2).build();
            PushStream stream = edge.push().send(batch);
            assertThat(stream.nextAck(WAIT).getBatchId()).isEqualTo(batch.getBatchId());

            edge.server.stop();

            Status status = stream.awaitEnd(WAIT);
            assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void start_withPublisher_acksWhatThePublisherTook_withoutABroker() throws Exception {
        List<AcceptedBatch> taken = new CopyOnWriteArrayList<>();
        BatchPublisher publisher = batch -> {
            taken.add(batch);
            return CompletableFuture.completedFuture(null);
        };
        try (TestDatabase database = TestServices.postgres().createDatabase()) {
            SchemaMigrations.migrate(database.dataSource());
            EnrolledAgent agent = Enrollment.enroll(database.dataSource(), "in-memory", "agent-1");
            // Nothing listens on port 1: a publish through RabbitMQ could not succeed.
            EdgeConfig config = EdgeConfig.fromEnvironment(Map.of(
                    EdgeConfig.GRPC_PORT, "0",
                    EdgeConfig.METRICS_PORT, "0",
                    EdgeConfig.RABBIT_URI, "amqp://guest:guest@127.0.0.1:1",
                    EdgeConfig.DB_URL, database.jdbcUrl(),
                    EdgeConfig.DB_USER, database.username(),
                    EdgeConfig.DB_PASSWORD, database.password()));
            EdgeServer server = EdgeServer.start(config, Clock.systemUTC(), publisher);
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.grpcPort(),
                    InsecureChannelCredentials.create()).build();
            try {
                var batch = Batches.valid(agent.agentId(), 3).build();
                PushStream stream = new PushStream(channel, "Bearer " + agent.token()).send(batch);

                assertThat(stream.nextAck(WAIT).getBatchId()).isEqualTo(batch.getBatchId());
                assertThat(taken).singleElement().satisfies(accepted -> {
                    assertThat(accepted.batchId()).isEqualTo(batch.getBatchId());
                    assertThat(accepted.tenantId()).isEqualTo(agent.tenantId());
                    assertThat(accepted.agentId()).isEqualTo(agent.agentId());
                    assertThat(accepted.body()).isEqualTo(batch.toByteArray());
                });
            } finally {
                channel.shutdownNow();
                server.stop();
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
