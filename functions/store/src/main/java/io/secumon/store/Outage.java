package io.secumon.store;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a database outage once when it starts and once when it ends, however many writer
 * threads retry how many times in between (logs are for lifecycle, not per attempt).
 */
final class Outage {

    private static final Logger log = LoggerFactory.getLogger(Outage.class);
    private static final long NONE = Long.MIN_VALUE;

    private final AtomicLong startedNanos = new AtomicLong(NONE);

    /** A write failed transiently and will be retried after {@code retryInMs}. */
    void failed(Throwable cause, long retryInMs) {
        if (startedNanos.compareAndSet(NONE, System.nanoTime())) {
            log.warn("database cannot store batches for now; holding them unacknowledged and retrying (first retry"
                    + " in {} ms, backing off to {} ms): {}", retryInMs, SampleWriter.MAX_BACKOFF_MS, describe(cause));
        }
    }

    /** A write succeeded; ends the outage if one was going on. */
    void succeeded() {
        long started = startedNanos.get();
        if (started != NONE && startedNanos.compareAndSet(started, NONE)) {
            log.info("database storing batches again after {} ms", (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = cause; t != null && text.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }
}
