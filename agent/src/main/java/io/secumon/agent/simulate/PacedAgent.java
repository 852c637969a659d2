package io.secumon.agent.simulate;

import io.secumon.agent.ship.IngestClient;
import io.secumon.agent.ship.PushSession;
import io.secumon.pipeline.batch.MetricBatchBuilder;
import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.MetricBatch;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * One simulated agent of {@link Simulator#pace}: each {@link #tick()} sends one batch with a
 * gauge {@code sim.value_units{series="i"}} per series, values wandering around a per-series
 * level like a real utilisation would. A failed stream is reopened at the next tick; its
 * batches are counted as failed, not retried (the real agent's spool does that).
 */
final class PacedAgent implements AutoCloseable {

    static final String METRIC = "sim.value_units";

    /** Beyond this many unacknowledged batches the edge is not keeping up: ticks are skipped and counted failed. */
    private static final int MAX_IN_FLIGHT = 64;

    private final IngestClient client;
    private final AgentIdentity identity;
    private final Clock clock;
    private final Simulator.Counts counts;
    private final List<Map<String, String>> labels;
    private final double[] level;
    private final double[] phase;
    private final SplittableRandom random;
    private final AtomicInteger inFlight = new AtomicInteger();
    private PushSession session;
    private long sequence;

    PacedAgent(IngestClient client, AgentIdentity identity, int series, Clock clock, Simulator.Counts counts) {
        this.client = client;
        this.identity = identity;
        this.clock = clock;
        this.counts = counts;
        this.labels = IntStream.range(0, series).mapToObj(i -> Map.of("series", Integer.toString(i))).toList();
        // Seeded by the agent so that a rerun draws the same curves.
        this.random = new SplittableRandom(identity.getAgentId().hashCode());
        this.level = new double[series];
        this.phase = new double[series];
        for (int i = 0; i < series; i++) {
            level[i] = 10 + random.nextDouble(70);
            phase[i] = random.nextDouble(2 * Math.PI);
        }
    }

    /** Sends the next batch; never throws, so that the schedule goes on. */
    synchronized void tick() {
        if (inFlight.get() >= MAX_IN_FLIGHT) {
            counts.failed.incrementAndGet();
            return;
        }
        try {
            MetricBatch batch = batch(++sequence, clock.millis());
            PushSession current = session();
            inFlight.incrementAndGet();
            current.push(batch).whenComplete((ack, error) -> {
                inFlight.decrementAndGet();
                if (error == null) {
                    counts.acked.incrementAndGet();
                    counts.samples.addAndGet(batch.getSamplesCount());
                } else {
                    counts.failed.incrementAndGet();
                    // Only a stream's end fails a push: the next tick opens a new one.
                    forget(current);
                }
            });
        } catch (RuntimeException e) {
            counts.failed.incrementAndGet();
        }
    }

    MetricBatch batch(long sequence, long now) {
        MetricBatchBuilder builder = new MetricBatchBuilder(identity, now).sequence(sequence);
        for (int i = 0; i < labels.size(); i++) {
            // A slow wave (about 10 minutes at a 10 s interval) plus a little noise, kept within 0..100.
            double value = level[i] + 15 * Math.sin(phase[i] + sequence * 2 * Math.PI / 60)
                    + random.nextGaussian() * 2;
            builder.gauge(METRIC, labels.get(i), Math.clamp(value, 0, 100), now);
        }
        return builder.build();
    }

    private PushSession session() {
        if (session == null) {
            session = client.openSession();
        }
        return session;
    }

    private synchronized void forget(PushSession ended) {
        if (session == ended) {
            session = null;
        }
    }

    /** Half-closes the stream, waits for the outstanding acks, and closes the connection. */
    @Override
    public void close() {
        PushSession last;
        synchronized (this) {
            last = session;
            session = null;
        }
        try {
            if (last != null) {
                last.close();
            }
        } finally {
            client.close();
        }
    }
}
