package io.secumon.edge.publish;

import java.util.concurrent.CompletableFuture;

/** Hands accepted batches to the pipeline. */
@FunctionalInterface
public interface BatchPublisher {

    /**
     * Publishes {@code batch}. The future completes normally only once the batch is safe
     * (the broker confirmed it to a bound queue), and exceptionally with a
     * {@link PublishException} otherwise; it always completes, at the latest after the
     * configured confirm timeout. Never blocks on the broker's answer. Thread-safe.
     */
    CompletableFuture<Void> publish(AcceptedBatch batch);
}
