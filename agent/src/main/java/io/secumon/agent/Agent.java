package io.secumon.agent;

import io.secumon.agent.collect.Collectors;
import io.secumon.agent.spool.BatchSequence;
import io.secumon.agent.spool.Spool;
import io.secumon.pipeline.batch.MetricBatchBuilder;
import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.MetricBatch;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's collection loop: every interval one round of all enabled collectors goes into
 * ONE batch (one time stamp, sequence +1 per batch) which is appended to the {@link Spool};
 * shipping the spool is the {@link io.secumon.agent.spool.Shipper}'s job. A failing round is
 * logged and the loop goes on.
 */
public final class Agent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    private final Collectors collectors;
    private final AgentIdentity identity;
    private final Spool spool;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "secumon-collector");
        thread.setDaemon(true);
        return thread;
    });
    private final BatchSequence sequence;
    // Only touched by the collection thread (or a caller of collect() before start()).
    private long batches;

    /** @param sequence numbers the batches, continuing across restarts */
    public Agent(Collectors collectors, AgentIdentity identity, Spool spool, BatchSequence sequence, Clock clock) {
        this.collectors = collectors;
        this.identity = identity;
        this.spool = spool;
        this.sequence = sequence;
        this.clock = clock;
    }

    /** Collects now and then every {@code interval}. */
    public void start(Duration interval) {
        scheduler.scheduleAtFixedRate(this::collectSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("agent {} collecting every {} with {} collectors", identity.getAgentId(), interval,
                collectors.list().size());
    }

    /** One round: collects, spools and returns the batch. */
    public MetricBatch collect() throws IOException {
        long now = clock.millis();
        MetricBatchBuilder builder = new MetricBatchBuilder(identity, now).sequence(sequence.next());
        collectors.collect((name, labels, kind, value) -> builder.add(name, labels, kind, value, now));
        MetricBatch batch = builder.build();
        spool.append(batch);
        batches++;
        return batch;
    }

    private void collectSafely() {
        try {
            MetricBatch batch = collect();
            log.debug("batch {} (sequence {}) spooled with {} samples", batch.getBatchId(), batch.getSequence(),
                    batch.getSamplesCount());
        } catch (IOException | RuntimeException e) {
            // A full disk or one bad round must not stop the loop: scheduleAtFixedRate would cancel it.
            log.warn("collection round failed; retrying at the next interval", e);
        }
    }

    /** Stops collecting, waiting (bounded) for a round in progress. */
    @Override
    public void close() throws InterruptedException {
        scheduler.shutdown();
        if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
            scheduler.shutdownNow();
        }
        log.info("agent stopped after {} batches (last batch number {})", batches, sequence.last());
    }
}
