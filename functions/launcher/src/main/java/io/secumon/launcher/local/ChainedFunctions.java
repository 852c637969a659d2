package io.secumon.launcher.local;

import com.google.protobuf.InvalidProtocolBufferException;
import io.secumon.edge.publish.AcceptedBatch;
import io.secumon.edge.publish.BatchPublisher;
import io.secumon.edge.publish.PublishException;
import io.secumon.edge.publish.PublishException.Reason;
import io.secumon.normalize.IngestedBatch;
import io.secumon.normalize.Normalized;
import io.secumon.normalize.Normalizer;
import io.secumon.pipeline.poison.PoisonMessageException;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.store.SampleWriter;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's publisher when the functions run in memory: each accepted batch goes through
 * the same classes the deployed functions run, {@link Normalizer} then {@link SampleWriter},
 * on a small pool of worker threads, with the delivery promise of the RabbitMQ pipeline.
 *
 * <ul>
 *   <li>The future completes only after the store's transaction committed, so the edge acks
 *       the agent only then; a batch whose write failed or took longer than the timeout is
 *       not acked, and the agent sends it again (the store's batch-id dedup makes that
 *       safe, even if the slow write commits after all).</li>
 *   <li>A batch that can never be stored (poison) is kept in {@link DeadLetters} and the
 *       future completes normally, as a broker's dead-letter queue would take it: one bad
 *       batch must not block its agent's spool forever.</li>
 *   <li>When the workers are all busy and the queue is full, a publish fails at once, which
 *       pushes back on the agents the way an unreachable broker does.</li>
 * </ul>
 */
public final class ChainedFunctions implements BatchPublisher, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChainedFunctions.class);

    private final Normalizer normalizer;
    private final SampleWriter writer;
    private final DeadLetters deadLetters;
    private final Duration timeout;
    private final ThreadPoolExecutor workers;

    /**
     * @param workers  batches processed at once (the store function's default concurrency is 2)
     * @param queued   batches that may wait for a worker
     * @param timeout  how long a publish may take before it fails (the edge's confirm timeout)
     */
    public ChainedFunctions(Normalizer normalizer, SampleWriter writer, DeadLetters deadLetters, int workers,
                            int queued, Duration timeout) {
        this.normalizer = normalizer;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.timeout = timeout;
        this.workers = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queued), Thread.ofPlatform().name("chained-functions-", 1).daemon().factory(),
                new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public CompletableFuture<Void> publish(AcceptedBatch batch) {
        Delivery delivery = new Delivery(batch);
        try {
            workers.execute(delivery);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new PublishException(Reason.BROKER_UNAVAILABLE,
                    workers.isShutdown() ? "the local pipeline is stopping" : "the local pipeline is busy", e));
        }
        return delivery.done.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(e ->
                CompletableFuture.failedFuture(e instanceof TimeoutException ? new PublishException(Reason.TIMEOUT,
                        "batch " + batch.batchId() + " was not stored within " + timeout, e) : e));
    }

    /** normalize → store for one batch; completes {@link #done} after the commit. */
    private final class Delivery implements Runnable {

        private final AcceptedBatch batch;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        private Delivery(AcceptedBatch batch) {
            this.batch = batch;
        }

        @Override
        public void run() {
            if (done.isDone()) {
                return; // timed out while queued: the agent resends it anyway
            }
            try {
                MetricBatch raw = MetricBatch.parseFrom(batch.body());
                Normalized normalized = normalizer.normalize(
                        new IngestedBatch(batch.tenantId(), batch.agentId(), batch.receivedAtMs(), raw));
                if (!normalized.dropped().isEmpty()) {
                    log.debug("batch {}: samples dropped by normalize {}", batch.batchId(), normalized.dropped());
                }
                writer.write(normalized.batch());
                done.complete(null);
            } catch (InvalidProtocolBufferException | PoisonMessageException e) {
                deadLetter(e);
            } catch (RuntimeException e) {
                log.warn("batch {} of agent {} was not stored; the agent will send it again: {}",
                        batch.batchId(), batch.agentId(), e.getMessage());
                done.completeExceptionally(new PublishException(Reason.NACK,
                        "storing failed: " + e.getMessage(), e));
            }
        }

        private void deadLetter(Exception poison) {
            try {
                deadLetters.keep(batch, poison.getMessage());
                done.complete(null);
            } catch (IOException e) {
                done.completeExceptionally(new PublishException(Reason.NACK,
                        "cannot keep undeliverable batch " + batch.batchId() + ": " + e.getMessage(), e));
            }
        }

        private void abandon() {
            done.completeExceptionally(new PublishException(Reason.BROKER_UNAVAILABLE,
                    "the local pipeline stopped before storing batch " + batch.batchId(), null));
        }
    }

    /**
     * Takes no more batches and lets those handed over finish, for at most 5 s; then
     * interrupts the writes still running and fails the batches not started (their agents
     * still hold them and send them again on the next start).
     */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("batches still being stored after 5 s; interrupting them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Runnable> queued = workers.shutdownNow();
        queued.forEach(task -> ((Delivery) task).abandon());
    }

    @Override
    public String toString() {
        return "normalize → store in memory (" + workers.getMaximumPoolSize() + " workers)";
    }
}
