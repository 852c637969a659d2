package io.secumon.edge.ingest;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.secumon.edge.auth.AgentPrincipal;
import io.secumon.edge.metrics.EdgeMetrics;
import io.secumon.edge.publish.AcceptedBatch;
import io.secumon.edge.publish.BatchPublisher;
import io.secumon.edge.publish.PublishException;
import io.secumon.edge.validate.BatchValidator;
import io.secumon.edge.validate.Rejection;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.PushAck;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * One {@code Push} stream: validate each batch, publish it, ack it once confirmed. The stream
 * ends when the agent half-closes (after every outstanding confirm resolved), or with an
 * error status once a batch is refused or a publish fails; batches already in flight are
 * still acked if the broker confirms them, later ones are ignored (never acked).
 * Response writes happen under this object's lock: {@link StreamObserver} is not thread-safe
 * and confirms arrive on RabbitMQ's threads.
 */
final class PushCall implements StreamObserver<ReceivedBatch> {

    /** Batches in flight per stream: bounds memory and pushes back on fast agents. */
    static final int WINDOW = 64;

    private final ServerCallStreamObserver<PushAck> responses;
    private final AgentPrincipal principal;
    private final BatchValidator validator;
    private final BatchPublisher publisher;
    private final EdgeMetrics metrics;
    private final Clock clock;
    private final Consumer<PushCall> onFinished;

    // guarded by this
    private int outstanding;
    private boolean halfClosed;
    private Status closing;
    private boolean finished;

    PushCall(ServerCallStreamObserver<PushAck> responses, AgentPrincipal principal, BatchValidator validator,
             BatchPublisher publisher, EdgeMetrics metrics, Clock clock, Consumer<PushCall> onFinished) {
        this.responses = responses;
        this.principal = principal;
        this.validator = validator;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.onFinished = onFinished;
    }

    @Override
    public void onNext(ReceivedBatch received) {
        synchronized (this) {
            if (finished || closing != null) {
                return;
            }
        }
        long receivedAt = clock.millis();
        MetricBatch batch = received.batch();
        Optional<Rejection> rejection = batch == null
                ? Optional.of(new Rejection(Rejection.Kind.INVALID, "undecodable",
                        "message is not a secumon.v1.MetricBatch: " + received.problem()))
                : validator.check(batch, principal.agentId());
        if (rejection.isPresent()) {
            metrics.batchRejected(rejection.get().reason());
            Status status = rejection.get().kind() == Rejection.Kind.FORBIDDEN
                    ? Status.PERMISSION_DENIED : Status.INVALID_ARGUMENT;
            closeWhenIdle(status.withDescription(rejection.get().message()));
            return;
        }
        synchronized (this) {
            outstanding++;
        }
        AcceptedBatch accepted = new AcceptedBatch(batch.getBatchId(), principal.tenantId(), principal.agentId(),
                receivedAt, received.bytes(), batch.getSamplesCount());
        CompletableFuture<Void> confirm;
        try {
            confirm = publisher.publish(accepted);
        } catch (RuntimeException e) {
            // The contract says publish fails through its future; a bug must still not leak a slot.
            confirm = CompletableFuture.failedFuture(e);
        }
        // Captures ids and counts only: the body must not live on until the confirm arrives.
        String batchId = accepted.batchId();
        long sequence = batch.getSequence();
        int samples = accepted.sampleCount();
        confirm.whenComplete((ok, error) -> confirmed(batchId, sequence, samples, error));
    }

    private synchronized void confirmed(String batchId, long sequence, int samples, Throwable error) {
        outstanding--;
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            metrics.publishFailed(cause instanceof PublishException p ? p.reason().token() : "error");
            closeWhenIdle(Status.UNAVAILABLE.withDescription("batch " + batchId
                    + " was not stored, send it again later: " + cause.getMessage()));
            return;
        }
        metrics.batchAccepted(samples);
        if (!finished) {
            responses.onNext(PushAck.newBuilder().setBatchId(batchId).setSequence(sequence).build());
            if (closing == null) {
                responses.request(1);
            }
        }
        settle();
    }

    /** The agent half-closed: finish once the outstanding confirms resolved. */
    @Override
    public synchronized void onCompleted() {
        halfClosed = true;
        settle();
    }

    /** The agent cancelled or the connection broke: nobody is left to answer. */
    @Override
    public synchronized void onError(Throwable t) {
        finish();
    }

    /** Ends the stream with UNAVAILABLE once in-flight batches are acked (server shutdown). */
    void drain() {
        closeWhenIdle(Status.UNAVAILABLE.withDescription("edge ingress is shutting down; reconnect and resend unacked batches"));
    }

    /** Stops taking batches; ends the stream with {@code status} after the in-flight ones resolve. */
    private synchronized void closeWhenIdle(Status status) {
        if (closing == null) {
            closing = status;
        }
        settle();
    }

    private void settle() {
        if (finished || outstanding > 0) {
            return;
        }
        if (closing != null) {
            responses.onError(closing.asRuntimeException());
            finish();
        } else if (halfClosed) {
            responses.onCompleted();
            finish();
        }
    }

    private void finish() {
        if (!finished) {
            finished = true;
            onFinished.accept(this);
        }
    }
}
