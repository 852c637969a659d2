package io.secumon.edge;

import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.secumon.proto.v1.IngestGrpc;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.PushAck;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client side of one {@code Push} stream, as an agent drives it, for tests. */
public final class PushStream {

    private final BlockingQueue<PushAck> acks = new LinkedBlockingQueue<>();
    private final CompletableFuture<Status> end = new CompletableFuture<>();
    private final StreamObserver<MetricBatch> requests;

    /** Opens a stream, sending {@code authorization} as is when not null. */
    public PushStream(Channel channel, String authorization) {
        IngestGrpc.IngestStub stub = IngestGrpc.newStub(channel);
        if (authorization != null) {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
            stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        requests = stub.push(new StreamObserver<>() {
            @Override
            public void onNext(PushAck ack) {
                acks.add(ack);
            }

            @Override
            public void onError(Throwable t) {
                end.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                end.complete(Status.OK);
            }
        });
    }

    public PushStream send(MetricBatch batch) {
        requests.onNext(batch);
        return this;
    }

    public PushStream halfClose() {
        requests.onCompleted();
        return this;
    }

    /** The next ack, or null if none arrives within {@code timeout}. */
    public PushAck nextAck(Duration timeout) throws InterruptedException {
        return acks.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Acks received so far and not yet taken. */
    public BlockingQueue<PushAck> acks() {
        return acks;
    }

    /** How the server ended the stream (OK when it completed). */
    public Status awaitEnd(Duration timeout) throws Exception {
        return end.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
