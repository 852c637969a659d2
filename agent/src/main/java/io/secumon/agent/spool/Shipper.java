package io.secumon.agent.spool;

import io.grpc.Status;
import io.secumon.proto.v1.MetricBatch;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains a {@link Spool} to the edge, oldest first, on its own thread: at most
 * {@code window} batches in flight on one stream; an acked batch is removed from the spool.
 * When the stream fails with INVALID_ARGUMENT, PERMISSION_DENIED or RESOURCE_EXHAUSTED
 * (message too large) the offending batch can never be accepted: it is removed and counted
 * in {@link #rejected()}. Because a failed stream fails all its in-flight batches alike,
 * the culprit is found by resending those suspects one at a time. Any other failure
 * (UNAVAILABLE, connection loss, UNAUTHENTICATED) keeps every batch and reconnects after a
 * {@link Backoff}. Batches are therefore delivered at least once and in spool order.
 */
public final class Shipper implements AutoCloseable {

    /** Batches in flight on one stream unless configured otherwise. */
    public static final int DEFAULT_WINDOW = 32;

    private static final Logger log = LoggerFactory.getLogger(Shipper.class);
    // Safety net only: appends wake the thread at once through the spool's listener.
    private static final long IDLE_POLL_MS = 1_000;

    /** Waits between reconnects; injected so tests need not sleep for real. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private record Done(long generation, String batchId, Throwable failure) {
    }

    private static final Done WAKE = new Done(-1, "", null);

    private final Spool spool;
    private final SessionFactory sessions;
    private final int window;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final BlockingQueue<Done> events = new LinkedBlockingQueue<>();
    private final Thread thread = new Thread(this::run, "secumon-shipper");
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean running;
    // Owned by the shipper thread.
    private final Set<String> inFlight = new LinkedHashSet<>();
    private final Set<String> suspects = new HashSet<>();
    private long generation;
    private Status.Code lastFailure;

    /** Window {@value #DEFAULT_WINDOW}, {@link Backoff#defaults}, real sleeping. */
    public Shipper(Spool spool, SessionFactory sessions) {
        this(spool, sessions, DEFAULT_WINDOW, Backoff.defaults(new Random()), Thread::sleep);
    }

    public Shipper(Spool spool, SessionFactory sessions, int window, Backoff backoff, Sleeper sleeper) {
        if (window < 1) {
            throw new IllegalArgumentException("shipper window must be >= 1, was " + window);
        }
        this.spool = spool;
        this.sessions = sessions;
        this.window = window;
        this.backoff = backoff;
        this.sleeper = sleeper;
        thread.setDaemon(true);
        spool.onAppend(() -> events.offer(WAKE));
    }

    /** Starts the shipping thread. */
    public void start() {
        running = true;
        thread.start();
        log.info("shipper started: window {}, {} batches spooled", window, spool.size());
    }

    /** Stops sending, waits (bounded) for in-flight acks, and stops the thread; batches stay spooled. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        log.info("shipper stopped: {} delivered, {} rejected, {} left in the spool", delivered(), rejected(), spool.size());
    }

    /** Batches acked by the edge since start. */
    public long delivered() {
        return delivered.get();
    }

    /** Batches the edge refused for good and that were removed from the spool. */
    public long rejected() {
        return rejected.get();
    }

    private void run() {
        try {
            while (running) {
                Status failure = ship();
                if (failure != null) {
                    afterFailure(failure);
                }
            }
        } catch (InterruptedException e) {
            // close(): the spool keeps whatever was not acked.
        }
    }

    /** Ships over one stream until it fails (its status) or the shipper stops (null). */
    private Status ship() throws InterruptedException {
        long current = ++generation;
        inFlight.clear();
        PushStream stream;
        try {
            stream = sessions.open();
        } catch (RuntimeException e) {
            return Status.fromThrowable(e);
        }
        try {
            while (running) {
                fill(stream, current);
                Done done = events.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                if (done == null || done == WAKE) {
                    continue;
                }
                if (done.failure() == null) {
                    acked(done.batchId());
                } else if (done.generation() == current) {
                    return failed(done);
                }
            }
            return null;
        } finally {
            stream.close();
            // Acks that arrived while closing are real: honour them so nothing is sent twice.
            for (Done done; (done = events.poll()) != null; ) {
                if (done != WAKE && done.failure() == null) {
                    acked(done.batchId());
                }
            }
        }
    }

    private void fill(PushStream stream, long current) {
        suspects.removeIf(id -> !spool.contains(id));
        int limit = suspects.isEmpty() ? window : 1;
        if (inFlight.size() >= limit) {
            return;
        }
        for (MetricBatch batch : spool.peek(limit - inFlight.size(), inFlight::contains)) {
            String id = batch.getBatchId();
            inFlight.add(id);
            stream.push(batch).whenComplete((ack, error) -> events.offer(new Done(current, id, error)));
        }
    }

    private void acked(String batchId) {
        inFlight.remove(batchId);
        suspects.remove(batchId);
        if (spool.remove(batchId)) {
            delivered.incrementAndGet();
        }
        backoff.reset();
        if (lastFailure != null) {
            log.info("edge accepts batches again after {}", lastFailure);
            lastFailure = null;
        }
    }

    private Status failed(Done done) {
        Status status = Status.fromThrowable(done.failure());
        if (!isRejection(status.getCode())) {
            return status;
        }
        if (inFlight.size() == 1) {
            spool.remove(done.batchId());
            rejected.incrementAndGet();
            log.warn("edge refused batch {} for good ({}); dropped", done.batchId(), describe(status));
        } else {
            suspects.addAll(inFlight);
            log.info("edge refused one of {} in-flight batches ({}); resending them one at a time to find it",
                    inFlight.size(), describe(status));
        }
        return status;
    }

    private void afterFailure(Status status) throws InterruptedException {
        if (isRejection(status.getCode())) {
            return; // the edge is up and only one batch was bad: reconnect at once
        }
        boolean newEpisode = status.getCode() != lastFailure;
        lastFailure = status.getCode();
        Duration wait = backoff.next();
        if (status.getCode() == Status.Code.UNAUTHENTICATED && newEpisode) {
            log.error("edge rejected the agent token (UNAUTHENTICATED: {}); check the agent's token. "
                    + "Retrying with back-off, next in {}", status.getDescription(), wait);
        } else if (newEpisode) {
            log.warn("cannot ship to the edge ({}); batches stay spooled, retrying with back-off, next in {}",
                    describe(status), wait);
        } else {
            log.debug("still cannot ship ({}); next try in {}", status.getCode(), wait);
        }
        sleeper.sleep(wait);
    }

    // One line, no stack trace: a refused connection is an expected condition here.
    private static String describe(Status status) {
        Throwable cause = status.getCause();
        return status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription())
                + (cause == null ? "" : " (" + cause + ")");
    }

    private static boolean isRejection(Status.Code code) {
        return code == Status.Code.INVALID_ARGUMENT || code == Status.Code.PERMISSION_DENIED
                || code == Status.Code.RESOURCE_EXHAUSTED;
    }
}
