package io.secumon.launcher.bench;

import io.secumon.agent.ship.IngestClient;
import io.secumon.agent.ship.PushSession;
import io.secumon.pipeline.batch.MetricBatchBuilder;
import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.MetricBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Simulated agents pushing batches through the edge as fast as their acks come back:
 * one gRPC connection and stream per agent, at most {@code window} unacknowledged batches
 * each. Every sample's value is a number no other sample of the run has, so the stored
 * rows show exactly what was lost or duplicated. Records when each batch was pushed.
 */
public final class LoadPusher {

    /** A simulated agent: its identity and its bearer token. */
    public record Agent(String agentId, String token) {
    }

    /** What to push. */
    public record Plan(int batchesPerAgent, int samplesPerBatch, int window) {
    }

    private static final int SERIES_PER_BATCH = 100;
    private static final List<Map<String, String>> SERIES_LABELS = java.util.stream.IntStream
            .range(0, SERIES_PER_BATCH).mapToObj(i -> Map.of("series", Integer.toString(i))).toList();

    private final String host;
    private final int port;
    private final AtomicLong nextValue;
    private final AtomicLong acked = new AtomicLong();
    private final Map<String, Long> pushedAtMs = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** @param firstValue the value of the first sample; later ones count up from it */
    public LoadPusher(String host, int port, long firstValue) {
        this.host = host;
        this.port = port;
        this.nextValue = new AtomicLong(firstValue);
    }

    /** Pushes {@code plan} for every agent concurrently; returns once all were acked. */
    public void run(List<Agent> agents, Plan plan) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (Agent agent : agents) {
            threads.add(Thread.ofPlatform().name("push-" + agent.agentId()).start(() -> pushAll(agent, plan)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a push failed: " + failure.get().getMessage(), failure.get());
        }
    }

    /** Batches acknowledged so far (all agents). */
    public long acked() {
        return acked.get();
    }

    /** Batch id -> when it was pushed (ms since the epoch). */
    public Map<String, Long> pushedAtMs() {
        return pushedAtMs;
    }

    private void pushAll(Agent agent, Plan plan) {
        AgentIdentity identity = AgentIdentity.newBuilder()
                .setAgentId(agent.agentId()).setHostname("sim-" + agent.agentId().substring(0, 8))
                .setOs("linux").setArch("amd64").setAgentVersion("bench").build();
        Semaphore window = new Semaphore(plan.window());
        try (IngestClient client = IngestClient.connect(host, port, agent.token(), true);
             PushSession session = client.openSession()) {
            for (int b = 0; b < plan.batchesPerAgent() && failure.get() == null; b++) {
                MetricBatch batch = batch(identity, b + 1, plan.samplesPerBatch());
                window.acquire();
                pushedAtMs.put(batch.getBatchId(), System.currentTimeMillis());
                session.push(batch).whenComplete((ack, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        acked.incrementAndGet();
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

    private MetricBatch batch(AgentIdentity identity, long sequence, int samples) {
        long now = System.currentTimeMillis();
        MetricBatchBuilder builder = new MetricBatchBuilder(identity, now).sequence(sequence);
        long first = nextValue.getAndAdd(samples);
        for (int i = 0; i < samples; i++) {
            builder.gauge("bench.value_units", SERIES_LABELS.get(i % SERIES_PER_BATCH),
                    first + i, now + i / SERIES_PER_BATCH);
        }
        return builder.build();
    }
}
