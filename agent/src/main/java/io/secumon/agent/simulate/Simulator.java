package io.secumon.agent.simulate;

import io.secumon.agent.ship.IngestClient;
import io.secumon.agent.ship.PushSession;
import io.secumon.pipeline.batch.MetricBatchBuilder;
import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.MetricBatch;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Simulated agents pushing through the edge, one gRPC connection and stream per agent, in
 * one of two ways. {@link #flood} (the ingest benchmark and end-to-end tests) pushes as fast
 * as acks come back with at most {@code window} unacknowledged batches per agent; every
 * sample's value is a number no other sample of the run has, so the stored rows show exactly
 * what was lost or duplicated, and it records when each batch was pushed. {@link #pace} (the
 * {@code simulate} command) sends each agent's batch of plausible gauges once per interval
 * until a duration passed or {@link #stop()} was called; failed batches are counted, not
 * retried. One run per instance.
 */
public final class Simulator {

    /** A simulated agent: its identity and its bearer token (it must be enrolled at the edge). */
    public record Agent(String agentId, String token) {
        public Agent {
            if (agentId == null || agentId.isBlank() || token == null || token.isBlank()) {
                throw new IllegalArgumentException("an agent needs an id and a token");
            }
        }
    }

    /** What {@link #flood} pushes; sample values count up from {@code firstValue}. */
    public record Plan(int batchesPerAgent, int samplesPerBatch, int window, long firstValue) {
    }

    /** What {@link #pace} sends: {@code series} samples per batch, one batch per {@code interval}. */
    public record Pace(int series, Duration interval) {
        public Pace {
            if (series < 1 || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("a pace needs series >= 1 and a positive interval");
            }
        }
    }

    private static final int SERIES_PER_BATCH = 100;
    private static final List<Map<String, String>> SERIES_LABELS = IntStream.range(0, SERIES_PER_BATCH)
            .mapToObj(i -> Map.of("series", Integer.toString(i))).toList();

    private final String host;
    private final int port;
    private final boolean plaintext;
    private final Clock clock;
    private final Counts counts = new Counts();
    private final Map<String, Long> pushedAtMs = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** @param plaintext only for local or in-cluster edges; otherwise TLS with the system's trust store */
    public Simulator(String host, int port, boolean plaintext, Clock clock) {
        this.host = host;
        this.port = port;
        this.plaintext = plaintext;
        this.clock = clock;
    }

    /** Pushes {@code plan} for every agent concurrently; returns once all were acked, throws if a push failed. */
    public void flood(List<Agent> agents, Plan plan) throws InterruptedException {
        AtomicLong nextValue = new AtomicLong(plan.firstValue());
        List<Thread> threads = new ArrayList<>();
        for (Agent agent : agents) {
            threads.add(Thread.ofPlatform().name("push-" + agent.agentId())
                    .start(() -> floodOne(agent, plan, nextValue)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a push failed: " + failure.get().getMessage(), failure.get());
        }
    }

    /**
     * Sends each agent's batch every {@code pace.interval()}, the agents' starts spread over
     * one interval, until {@code duration} passed (empty: until {@link #stop()}); then waits
     * for the outstanding acks.
     */
    public void pace(List<Agent> agents, Pace pace, Optional<Duration> duration) throws InterruptedException {
        int threads = Math.clamp(agents.size() / 100, 1, Runtime.getRuntime().availableProcessors());
        ScheduledExecutorService ticks = Executors.newScheduledThreadPool(threads,
                Thread.ofPlatform().name("simulate-", 0).daemon().factory());
        List<PacedAgent> running = new ArrayList<>();
        try {
            long intervalNanos = pace.interval().toNanos();
            for (int i = 0; i < agents.size(); i++) {
                Agent agent = agents.get(i);
                PacedAgent paced = new PacedAgent(IngestClient.connect(host, port, agent.token(), plaintext),
                        identity(agent), pace.series(), clock, counts);
                running.add(paced);
                ticks.scheduleAtFixedRate(paced::tick, intervalNanos * i / agents.size(), intervalNanos,
                        TimeUnit.NANOSECONDS);
            }
            if (duration.isPresent()) {
                stopped.await(duration.get().toNanos(), TimeUnit.NANOSECONDS);
            } else {
                stopped.await();
            }
        } finally {
            ticks.shutdownNow();
            ticks.awaitTermination(10, TimeUnit.SECONDS);
            running.forEach(PacedAgent::close);
        }
    }

    /** Ends a running {@link #pace} (from another thread, e.g. a shutdown hook). */
    public void stop() {
        stopped.countDown();
    }

    /** Batches acknowledged so far (all agents). */
    public long acked() {
        return counts.acked.get();
    }

    /** Samples in the acknowledged batches. */
    public long samplesAcked() {
        return counts.samples.get();
    }

    /** Batches that were not acknowledged (the stream failed, or too many were waiting). */
    public long failed() {
        return counts.failed.get();
    }

    /** {@link #flood} only: batch id -> when it was pushed (ms since the epoch). */
    public Map<String, Long> pushedAtMs() {
        return pushedAtMs;
    }

    /** The counters every simulated agent adds to. */
    static final class Counts {
        final AtomicLong acked = new AtomicLong();
        final AtomicLong samples = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
    }

    static AgentIdentity identity(Agent agent) {
        String id = agent.agentId();
        return AgentIdentity.newBuilder().setAgentId(id).setHostname("sim-" + id.substring(0, Math.min(8, id.length())))
                .setOs("linux").setArch("amd64").setAgentVersion("simulator").build();
    }

    private void floodOne(Agent agent, Plan plan, AtomicLong nextValue) {
        AgentIdentity identity = identity(agent);
        Semaphore window = new Semaphore(plan.window());
        try (IngestClient client = IngestClient.connect(host, port, agent.token(), plaintext);
             PushSession session = client.openSession()) {
            for (int b = 0; b < plan.batchesPerAgent() && failure.get() == null; b++) {
                MetricBatch batch = uniqueBatch(identity, b + 1, plan.samplesPerBatch(), nextValue);
                window.acquire();
                pushedAtMs.put(batch.getBatchId(), clock.millis());
                session.push(batch).whenComplete((ack, error) -> {
                    if (error != null) {
                        counts.failed.incrementAndGet();
                        failure.compareAndSet(null, error);
                    } else {
                        counts.acked.incrementAndGet();
                        counts.samples.addAndGet(batch.getSamplesCount());
                    }
                    window.release();
                });
            }
            if (!window.tryAcquire(plan.window(), 2, TimeUnit.MINUTES)) {
                failure.compareAndSet(null, new IllegalStateException("acks missing after 2 minutes"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private MetricBatch uniqueBatch(AgentIdentity identity, long sequence, int samples, AtomicLong nextValue) {
        long now = clock.millis();
        MetricBatchBuilder builder = new MetricBatchBuilder(identity, now).sequence(sequence);
        long first = nextValue.getAndAdd(samples);
        for (int i = 0; i < samples; i++) {
            // Series repeat every 100 samples; a later millisecond keeps each (series, time) distinct.
            builder.gauge("bench.value_units", SERIES_LABELS.get(i % SERIES_PER_BATCH),
                    first + i, now + i / SERIES_PER_BATCH);
        }
        return builder.build();
    }
}
