package io.secumon.launcher.bench.api;

import io.secumon.store.SampleWriter;
import io.secumon.store.SeriesIdCache;
import io.secumon.store.WriteResult;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Keeps a loaded fleet reporting while the api is measured: every agent of the tenant stores
 * one batch (all its series, one sample each, taken now) every {@code interval}, the agents
 * staggered evenly over it, through the store's own {@link SampleWriter}. A read path that
 * caches agents' latest values, and is told of each stored batch, is then measured with its
 * invalidations and the writes' load on the database, as in production.
 *
 * <p>One thread writes in turn; when a write is slow the next ones follow back to back until
 * the schedule is met again, and {@link Totals#maxLagMs} shows how far it fell behind.
 */
final class FleetReports implements AutoCloseable {

    /** What was stored while running, and a few of the failures. */
    record Totals(long batches, long samples, long failures, List<String> failureExamples, long maxLagMs) {

        static final Totals NONE = new Totals(0, 0, 0, List.of(), 0);

        Totals {
            failureExamples = List.copyOf(failureExamples);
        }
    }

    private static final int FAILURES_SHOWN = 5;
    // A write retries for as long as the database is transiently down; close() waits this
    // long for the one in progress before interrupting it.
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final SampleWriter writer;
    private final List<AgentReadings> agents;
    private final long intervalNanos;
    private final Clock clock;
    private final SplittableRandom random = new SplittableRandom();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong maxLagNanos = new AtomicLong();
    private final List<String> failureExamples = new CopyOnWriteArrayList<>();
    private Thread thread;

    private FleetReports(SampleWriter writer, List<AgentReadings> agents, Duration interval, Clock clock) {
        this.writer = writer;
        this.agents = agents;
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
    }

    /**
     * Reads the tenant's series and their latest values, then starts reporting.
     *
     * @param dataSource pooled: the writer borrows a connection per batch (two are plenty)
     * @param interval   how often each agent stores a batch; positive
     * @throws IllegalStateException when the tenant has no series to report
     */
    static FleetReports start(DataSource dataSource, UUID tenant, Duration interval, Clock clock)
            throws SQLException {
        Objects.requireNonNull(dataSource, "dataSource");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("report interval must be positive, got " + interval);
        }
        List<AgentReadings> agents = AgentReadings.read(dataSource, tenant);
        if (agents.isEmpty()) {
            throw new IllegalStateException("tenant " + tenant + " has no series with a latest value to report");
        }
        long series = agents.stream().mapToLong(AgentReadings::seriesCount).sum();
        FleetReports reports = new FleetReports(new SampleWriter(dataSource, new SeriesIdCache(series), clock),
                agents, interval, clock);
        reports.thread = Thread.ofPlatform().name("fleet-reports").daemon().start(reports::report);
        return reports;
    }

    /** Agents that report. */
    int agents() {
        return agents.size();
    }

    /** What was stored so far (all of it once {@link #close} returned). */
    Totals totals() {
        return new Totals(batches.get(), samples.get(), failures.get(), failureExamples,
                maxLagNanos.get() / 1_000_000);
    }

    /** Stops reporting; returns once the batch being written, if any, is stored. */
    @Override
    public void close() throws InterruptedException {
        stop.countDown();
        if (!thread.join(STOP_WAIT)) {
            thread.interrupt(); // the write fails and counts as a failure: the database did not answer
            thread.join();
        }
    }

    private void report() {
        long started = System.nanoTime();
        int n = agents.size();
        for (long k = 0; ; k++) {
            // Batch k is due k/n intervals after the start (exactly, without overflow), so the
            // schedule never drifts however long each wait or write took.
            long due = started + k / n * intervalNanos + k % n * intervalNanos / n;
            if (stopped(due - System.nanoTime())) {
                return;
            }
            maxLagNanos.accumulateAndGet(System.nanoTime() - due, Math::max);
            write(agents.get((int) (k % n)));
        }
    }

    private void write(AgentReadings agent) {
        try {
            WriteResult result = writer.write(agent.next(clock.millis(), random));
            if (result.outcome() == WriteResult.Outcome.STORED) {
                batches.incrementAndGet();
                samples.addAndGet(result.samples());
            } else {
                failed(agent, "its new batch was taken for a duplicate");
            }
        } catch (RuntimeException e) {
            failed(agent, e.getMessage());
        }
    }

    private void failed(AgentReadings agent, String message) {
        if (failures.incrementAndGet() <= FAILURES_SHOWN) {
            failureExamples.add("agent " + agent.agent() + ": " + message);
        }
    }

    /** Waits {@code nanos} (none if not positive) unless stopped; true when stopped. */
    private boolean stopped(long nanos) {
        try {
            return stop.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
