package io.secumon.agent.ship;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.secumon.proto.v1.IngestGrpc;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.PushAck;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@code Push} stream. {@link #push} sends a batch and returns a future completed by
 * the edge's ack for that batch id, or failed with the stream's final
 * {@link io.grpc.StatusRuntimeException} (UNAVAILABLE: retry the batch later;
 * INVALID_ARGUMENT: the batch will never be accepted). A batch whose future failed was
 * not acknowledged and must be kept by the caller. Thread-safe.
 */
public final class PushSession implements AutoCloseable {

    /** How long {@link #close()} waits for outstanding acks. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, CompletableFuture<PushAck>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final ClientCallStreamObserver<MetricBatch> requests;
    private volatile Throwable failure;

    PushSession(IngestGrpc.IngestStub stub) {
        CompletableFuture<ClientCallStreamObserver<MetricBatch>> started = new CompletableFuture<>();
        stub.push(new ClientResponseObserver<MetricBatch, PushAck>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<MetricBatch> stream) {
                started.complete(stream);
            }

            @Override
            public void onNext(PushAck ack) {
                CompletableFuture<PushAck> future = pending.remove(ack.getBatchId());
                if (future != null) {
                    future.complete(ack);
                }
            }

            @Override
            public void onError(Throwable t) {
                end(t);
            }

            @Override
            public void onCompleted() {
                end(Status.UNAVAILABLE.withDescription("stream closed before the batch was acknowledged")
                        .asRuntimeException());
            }
        });
        this.requests = started.join();
    }

    /** Sends {@code batch}; the future completes when the edge acknowledged it. */
    public CompletableFuture<PushAck> push(MetricBatch batch) {
        CompletableFuture<PushAck> future = new CompletableFuture<>();
        Throwable ended = failure;
        if (ended != null) {
            future.completeExceptionally(ended);
            return future;
        }
        pending.put(batch.getBatchId(), future);
        synchronized (requests) {
            try {
                requests.onNext(batch);
            } catch (RuntimeException e) {
                pending.remove(batch.getBatchId());
                future.completeExceptionally(e);
            }
        }
        if (failure != null && pending.remove(batch.getBatchId()) != null) {
            // The stream ended while we were sending: nobody else will fail this future.
            future.completeExceptionally(failure);
        }
        return future;
    }

    /** How many pushed batches still wait for their ack. */
    public int inFlight() {
        return pending.size();
    }

    /**
     * Half-closes the stream and waits until every pending ack arrived or failed, at most
     * {@link #CLOSE_TIMEOUT}; then cancels the stream, failing what is still pending (those
     * batches were not acknowledged and must be kept by the caller).
     */
    @Override
    public void close() {
        synchronized (requests) {
            if (failure == null) {
                requests.onCompleted();
            }
        }
        try {
            finished.get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // An edge that never answers must not hang the agent's shutdown.
            requests.cancel("closing: no answer from the edge within " + CLOSE_TIMEOUT, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            requests.cancel("closing: interrupted", e);
        } catch (ExecutionException cannotHappen) {
            // finished is only ever completed normally.
        }
    }

    private void end(Throwable t) {
        failure = t;
        pending.values().forEach(f -> f.completeExceptionally(t));
        pending.clear();
        finished.complete(null);
    }
}
