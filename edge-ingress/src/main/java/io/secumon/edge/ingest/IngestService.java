package io.secumon.edge.ingest;

import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.secumon.edge.auth.AgentPrincipal;
import io.secumon.edge.auth.AuthInterceptor;
import io.secumon.edge.metrics.EdgeMetrics;
import io.secumon.edge.publish.BatchPublisher;
import io.secumon.edge.validate.BatchValidator;
import io.secumon.proto.v1.IngestGrpc;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.PushAck;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code secumon.v1.Ingest} service: each pushed batch is validated, published through
 * the {@link BatchPublisher} and acknowledged once the publish is confirmed (see
 * {@link PushCall}). Expects {@link AuthInterceptor} in front of it to supply the caller.
 */
public final class IngestService extends IngestGrpc.IngestImplBase {

    private final BatchValidator validator;
    private final BatchPublisher publisher;
    private final EdgeMetrics metrics;
    private final Clock clock;
    private final Set<PushCall> active = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    public IngestService(BatchValidator validator, BatchPublisher publisher, EdgeMetrics metrics, Clock clock) {
        this.validator = validator;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Binds {@code Push} with a request marshaller that keeps the received bytes, so that
     * batches are published byte for byte as sent instead of being serialised again. Prefer
     * it to {@link #bindService()}, which serves the same contract but re-serialises.
     */
    public ServerServiceDefinition bindVerbatim() {
        MethodDescriptor<ReceivedBatch, PushAck> push = IngestGrpc.getPushMethod()
                .toBuilder(ReceivedBatch.MARSHALLER, IngestGrpc.getPushMethod().getResponseMarshaller())
                .build();
        ServiceDescriptor service = ServiceDescriptor.newBuilder(IngestGrpc.SERVICE_NAME)
                .setSchemaDescriptor(IngestGrpc.getServiceDescriptor().getSchemaDescriptor())
                .addMethod(push)
                .build();
        return ServerServiceDefinition.builder(service)
                .addMethod(push, ServerCalls.asyncBidiStreamingCall(this::open))
                .build();
    }

    /** The typed entry point of {@link IngestGrpc.IngestImplBase}, for callers that bind it themselves. */
    @Override
    public StreamObserver<MetricBatch> push(StreamObserver<PushAck> responses) {
        StreamObserver<ReceivedBatch> call = open(responses);
        return new StreamObserver<>() {
            @Override
            public void onNext(MetricBatch batch) {
                call.onNext(ReceivedBatch.of(batch));
            }

            @Override
            public void onError(Throwable t) {
                call.onError(t);
            }

            @Override
            public void onCompleted() {
                call.onCompleted();
            }
        };
    }

    /**
     * Ends every open stream with UNAVAILABLE once its in-flight batches are acked, refusing
     * new streams meanwhile, and waits up to {@code timeout} for that.
     *
     * @return true when every stream ended in time
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        draining = true;
        active.forEach(PushCall::drain);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!active.isEmpty() && deadline - System.nanoTime() > 0) {
            Thread.sleep(20);
        }
        return active.isEmpty();
    }

    private StreamObserver<ReceivedBatch> open(StreamObserver<PushAck> responses) {
        ServerCallStreamObserver<PushAck> observer = (ServerCallStreamObserver<PushAck>) responses;
        AgentPrincipal principal = AuthInterceptor.PRINCIPAL.get();
        if (principal == null || draining) {
            observer.onError((principal == null
                    ? Status.UNAUTHENTICATED.withDescription("no verified agent for this call")
                    : Status.UNAVAILABLE.withDescription("edge ingress is shutting down; reconnect")).asRuntimeException());
            return new Ignoring();
        }
        PushCall call = new PushCall(observer, principal, validator, publisher, metrics, clock, active::remove);
        active.add(call);
        // Manual flow control: at most WINDOW batches of this stream in flight at once.
        observer.disableAutoRequest();
        observer.setOnCancelHandler(() -> call.onError(Status.CANCELLED.asRuntimeException()));
        observer.request(PushCall.WINDOW);
        if (draining) {
            call.drain();
        }
        return call;
    }

    /** Swallows the requests of a call that was refused on arrival. */
    private static final class Ignoring implements StreamObserver<ReceivedBatch> {
        @Override
        public void onNext(ReceivedBatch value) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }
}
