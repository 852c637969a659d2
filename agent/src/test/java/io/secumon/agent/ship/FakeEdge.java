package io.secumon.agent.ship;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.secumon.proto.v1.IngestGrpc;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.PushAck;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real gRPC server on localhost speaking the Ingest protocol, for the agent's tests of
 * its own client side: acks every batch, except that a batch whose first sample is
 * negative ends its stream with INVALID_ARGUMENT (as the edge does for a bad batch).
 * Remembers accepted batches (in arrival order, also per agent id) and the bearer tokens.
 */
public final class FakeEdge implements AutoCloseable {

    public final Map<String, List<MetricBatch>> batchesByAgent = new ConcurrentHashMap<>();
    public final List<String> accepted = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Server server;

    /** Listens on an ephemeral port. */
    public FakeEdge() throws IOException {
        this(0);
    }

    /** Listens on {@code port} (0 = ephemeral). */
    public FakeEdge(int port) throws IOException {
        server = NettyServerBuilder.forPort(port)
                .addService(ServerInterceptors.intercept(new Service(), new RecordAuthorization()))
                .build().start();
    }

    public int port() {
        return server.getPort();
    }

    public long batchCount() {
        return accepted.size();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private final class Service extends IngestGrpc.IngestImplBase {
        @Override
        public StreamObserver<MetricBatch> push(StreamObserver<PushAck> responses) {
            return new StreamObserver<>() {
                private boolean failed;

                @Override
                public synchronized void onNext(MetricBatch batch) {
                    if (failed) {
                        return;
                    }
                    if (batch.getSamplesCount() > 0 && batch.getSamples(0).getValue() < 0) {
                        failed = true;
                        responses.onError(Status.INVALID_ARGUMENT.withDescription("negative").asRuntimeException());
                        return;
                    }
                    accepted.add(batch.getBatchId());
                    batchesByAgent.computeIfAbsent(batch.getAgent().getAgentId(),
                            id -> new CopyOnWriteArrayList<>()).add(batch);
                    responses.onNext(PushAck.newBuilder().setBatchId(batch.getBatchId())
                            .setSequence(batch.getSequence()).build());
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public synchronized void onCompleted() {
                    if (!failed) {
                        responses.onCompleted();
                    }
                }
            };
        }
    }

    private final class RecordAuthorization implements ServerInterceptor {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                           ServerCallHandler<Q, A> next) {
            authorizations.add(headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)));
            return next.startCall(call, headers);
        }
    }
}
