package io.secumon.agent.ship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.StatusRuntimeException;
import io.secumon.pipeline.batch.MetricBatchBuilder;
import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.PushAck;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client against {@link FakeEdge}, a real gRPC server on localhost that acks every
 * batch except one whose first sample value is negative.
 */
class PushSessionTest {

    private FakeEdge edge;

    private IngestClient start() throws Exception {
        edge = new FakeEdge();
        return IngestClient.connect("127.0.0.1", edge.port(), "smt_secret", true);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (edge != null) {
            edge.close();
        }
    }

    private static MetricBatch batch(double value, long sequence) {
        return new MetricBatchBuilder(AgentIdentity.newBuilder().setAgentId("a").build(), 1_000)
                .sequence(sequence).gauge("x.value", Map.of(), value, 1_000).build();
    }

    @Test
    void push_completesEachFutureWithItsOwnAck_andSendsTheBearerToken() throws Exception {
        try (IngestClient client = start(); PushSession session = client.openSession()) {
            MetricBatch first = batch(1, 1);
            MetricBatch second = batch(2, 2);
            CompletableFuture<PushAck> a = session.push(first);
            CompletableFuture<PushAck> b = session.push(second);

            assertThat(a.get(5, TimeUnit.SECONDS).getBatchId()).isEqualTo(first.getBatchId());
            assertThat(b.get(5, TimeUnit.SECONDS).getSequence()).isEqualTo(2);
            assertThat(session.inFlight()).isZero();
        }
        assertThat(edge.authorizations).containsExactly("Bearer smt_secret");
    }

    @Test
    void push_failsWithTheStreamStatus_andLaterPushesFailAtOnce() throws Exception {
        try (IngestClient client = start(); PushSession session = client.openSession()) {
            CompletableFuture<PushAck> bad = session.push(batch(-1, 1));

            assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(StatusRuntimeException.class)
                    .hasMessageContaining("INVALID_ARGUMENT");
            assertThatThrownBy(() -> session.push(batch(1, 2)).get(5, TimeUnit.SECONDS))
                    .cause().hasMessageContaining("INVALID_ARGUMENT");
        }
    }

    @Test
    void client_refusesAnEmptyToken() {
        assertThatThrownBy(() -> IngestClient.connect("127.0.0.1", 1, " ", true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
