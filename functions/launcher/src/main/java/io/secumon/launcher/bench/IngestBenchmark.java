package io.secumon.launcher.bench;

import io.secumon.agent.simulate.Simulator;
import io.secumon.edge.auth.EnrolledAgent;
import io.secumon.edge.auth.Enrollment;
import io.secumon.launcher.component.Database;
import io.secumon.launcher.component.Pipeline;
import io.secumon.schema.SchemaMigrations;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The ingest benchmark (run by {@code infra/bench/ingest}): starts edge, normalize and
 * store as separate processes on the real broker and database, pushes samples from
 * several concurrent gRPC clients, waits until everything is stored, and prints as its
 * last line {@code samples_per_s=<n> lost=<n> duplicated=<n> p50_ms=<n> p99_ms=<n>}, where
 * throughput is samples over the time from the first push to the last commit, and latency
 * is per batch from its push to its storage commit.
 */
public final class IngestBenchmark {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        run(options, System.out);
    }

    static void run(BenchOptions o, PrintStream out) throws Exception {
        long total = o.rounded(o.samples());
        out.printf("bench: %,d samples (after %,d of warm-up) in batches of %d from %d clients (window %d)%n",
                total, o.warmup() == 0 ? 0 : o.rounded(o.warmup()), o.batchSize(), o.clients(), o.window());
        Database database = new Database(o.dbUrl(), o.dbUser(), o.dbPassword()).recreate();
        PGSimpleDataSource db = database.dataSource();
        SchemaMigrations.migrate(db);
        StoredSamples stored = new StoredSamples(db);

        Map<String, String> env = database.pipelineEnvironment(o.rabbitUri(), "bench");
        Pipeline pipeline = new Pipeline(Pipeline.Jars.in(o.repo()), env, o.repo().resolve("infra/bench/.run"));
        try (pipeline) {
            out.println("bench: starting edge, normalize, store (logs in infra/bench/.run/)");
            pipeline.start(Duration.ofSeconds(120));
            if (o.warmup() > 0) {
                // Lets the JIT compile the hot paths of all three components first.
                out.println("bench: warming up");
                phase("warmup", db, stored, pipeline, o, o.warmup(), null);
            }
            out.println("bench: measuring");
            Phase measured = phase("measured", db, stored, pipeline, o, o.samples(), out);
            Map<String, Long> committed = stored.committedAtMs(measured.tenant());
            long lastCommit = committed.values().stream().mapToLong(Long::longValue).max().orElse(measured.started());
            long[] latencies = measured.pusher().pushedAtMs().entrySet().stream()
                    .filter(e -> committed.containsKey(e.getKey()))
                    .mapToLong(e -> committed.get(e.getKey()) - e.getValue()).sorted().toArray();
            double seconds = Math.max(1, lastCommit - measured.started()) / 1000.0;
            StoredSamples.Counts counts = measured.counts();
            out.printf("samples_per_s=%d lost=%d duplicated=%d p50_ms=%d p99_ms=%d%n",
                    Math.round(counts.distinctValues() / seconds), total - counts.distinctValues(),
                    counts.duplicated(), percentile(latencies, 50), percentile(latencies, 99));
        } finally {
            Pipeline.deleteTopology(env);
        }
    }

    private record Phase(UUID tenant, Simulator pusher, long started, StoredSamples.Counts counts) {
    }

    /** Pushes {@code samples} as a tenant of its own and waits until they are stored. */
    private static Phase phase(String name, PGSimpleDataSource db, StoredSamples stored, Pipeline pipeline,
                               BenchOptions o, long samples, PrintStream progressTo) throws InterruptedException {
        String tenantName = "bench-" + name + "-" + System.currentTimeMillis();
        List<Simulator.Agent> agents = new ArrayList<>();
        UUID tenant = null;
        for (int i = 0; i < o.clients(); i++) {
            EnrolledAgent enrolled = Enrollment.enroll(db, tenantName, "sim-" + i);
            tenant = enrolled.tenantId();
            agents.add(new Simulator.Agent(enrolled.agentId().toString(), enrolled.token()));
        }
        Simulator pusher = new Simulator("127.0.0.1", pipeline.edgePort(), true, Clock.systemUTC());
        UUID phaseTenant = tenant;
        Thread progress = progressTo == null ? null : Thread.ofPlatform().daemon()
                .start(() -> report(pusher, stored, phaseTenant, o, samples, progressTo));
        long started = System.currentTimeMillis();
        pusher.flood(agents, new Simulator.Plan(o.batchesPerClient(samples), o.batchSize(), o.window(), 1));
        StoredSamples.Counts counts = awaitStored(stored, tenant, o.rounded(samples));
        if (progress != null) {
            progress.interrupt();
            progress.join();
        }
        return new Phase(tenant, pusher, started, counts);
    }

    private static StoredSamples.Counts awaitStored(StoredSamples stored, UUID tenant, long expected)
            throws InterruptedException {
        StoredSamples.Counts counts = stored.counts(tenant);
        long lastProgress = System.nanoTime();
        while (counts.rows() < expected && System.nanoTime() - lastProgress < SETTLE.toNanos()) {
            Thread.sleep(250);
            StoredSamples.Counts now = stored.counts(tenant);
            if (now.rows() != counts.rows()) {
                lastProgress = System.nanoTime();
            }
            counts = now;
        }
        return counts;
    }

    private static void report(Simulator pusher, StoredSamples stored, UUID tenant, BenchOptions o, long samples,
                               PrintStream out) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(2000);
                out.printf("bench: acked %,d/%,d batches, stored %,d/%,d samples%n", pusher.acked(),
                        (long) o.batchesPerClient(samples) * o.clients(), stored.counts(tenant).rows(),
                        o.rounded(samples));
            }
        } catch (InterruptedException | IllegalStateException stop) {
            // Interrupted when the run is over; a failed read only ends the progress lines.
        }
    }

    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
