package io.secumon.agent.simulate;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
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
 * A real gRPC server on localhost speaking the Ingest protocol: acks every batch, remembers
 * the batches per agent id in arrival order, and the bearer tokens it was sent.
 */
final class FakeEdge implements AutoCloseable {

    final Map<String, List<MetricBatch>> batchesByAgent = new ConcurrentHashMap<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Server server;

    FakeEdge() throws IOException {
        IngestGrpc.IngestImplBase service = new IngestGrpc.IngestImplBase() {
            @Override
            public StreamObserver<MetricBatch> push(StreamObserver<PushAck> responses) {
                return new StreamObserver<>() {
                    @Override
                    public void onNext(MetricBatch batch) {
                        batchesByAgent.computeIfAbsent(batch.getAgent().getAgentId(),
                                id -> new CopyOnWriteArrayList<>()).add(batch);
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
                .addService(ServerInterceptors.intercept(service, new ServerInterceptor() {
                    @Override
                    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                                       ServerCallHandler<Q, A> next) {
                        authorizations.add(headers.get(Metadata.Key.of("authorization",
                                Metadata.ASCII_STRING_MARSHALLER)));
                        return next.startCall(call, headers);
                    }
                }))
                .build().start();
    }

    int port() {
        return server.getPort();
    }

    long batchCount() {
        return batchesByAgent.values().stream().mapToLong(List::size).sum();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
