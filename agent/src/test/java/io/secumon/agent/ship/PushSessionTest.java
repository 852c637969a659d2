package io.secumon.agent.ship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.secumon.pipeline.batch.MetricBatchBuilder;
import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.IngestGrpc;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.PushAck;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a real gRPC server on localhost that speaks the Ingest protocol:
 * it acks every batch, except one whose first sample value is negative, which ends the
 * stream with INVALID_ARGUMENT (as the edge does for a bad batch).
 */
class PushSessionTest {

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private Server server;

    private IngestClient start() throws Exception {
        IngestGrpc.IngestImplBase service = new IngestGrpc.IngestImplBase() {
            @Override
            public StreamObserver<MetricBatch> push(StreamObserver<PushAck> responses) {
                return new StreamObserver<>() {
                    @Override
                    public void onNext(MetricBatch batch) {
                        if (batch.getSamples(0).getValue() < 0) {
                            responses.onError(Status.INVALID_ARGUMENT.withDescription("negative").asRuntimeException());
                            return;
                        }
                        responses.onNext(PushAck.newBuilder().setBatchId(batch.getBatchId())
                                .setSequence(batch.getSequence()).build());
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                        responses.onCompleted();
                    }
                };
            }
        };
        server = NettyServerBuilder.forPort(0)
                .addService(ServerInterceptors.intercept(service, new io.grpc.ServerInterceptor() {
                    @Override
                    public <Q, A> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, A> call,
                            Metadata headers, io.grpc.ServerCallHandler<Q, A> next) {
                        authorizations.add(headers.get(Metadata.Key.of("authorization",
                                Metadata.ASCII_STRING_MARSHALLER)));
                        return next.startCall(call, headers);
                    }
                }))
                .build().start();
        return IngestClient.connect("127.0.0.1", server.getPort(), "smt_secret", true);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
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
        assertThat(authorizations).containsExactly("Bearer smt_secret");
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
