package io.secumon.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.secumon.edge.config.EdgeConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
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

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
