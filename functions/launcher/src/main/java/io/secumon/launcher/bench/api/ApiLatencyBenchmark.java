package io.secumon.launcher.bench.api;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.secumon.api.auth.ApiKeys;
import io.secumon.api.auth.IssuedApiKey;
import io.secumon.launcher.component.Database;
import io.secumon.schema.SchemaMigrations;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The api latency benchmark (run by {@code infra/bench/api-latency}): loads a fleet of agents
 * with a day of one-minute samples into a fresh database (binary COPY), starts the real api
 * from its executable jar, and has concurrent clients ask for agents' latest values and
 * 24-hour ranges while the fleet keeps reporting ({@link FleetReports}). Prints as its last line
 * {@code latest_p95_ms=<n> range_p95_ms=<n>}; exits 1 when any request failed or any of the
 * fleet's batches could not be stored (after printing everything).
 */
public final class ApiLatencyBenchmark {

    static final String TENANT = "bench-api";

    /** The requests' results and what the fleet stored meanwhile. */
    record Outcome(ApiClients.Run requests, FleetReports.Totals reported) {
    }

    private ApiLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ApiLatencyOptions options;
        try {
            options = ApiLatencyOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            Outcome outcome = run(options, System.out);
            List<String> failed = new ArrayList<>();
            if (outcome.requests().errors() > 0) {
                failed.add(outcome.requests().errors() + " requests failed");
            }
            if (outcome.reported().failures() > 0) {
                failed.add(outcome.reported().failures() + " of the fleet's batches could not be stored");
            }
            if (!failed.isEmpty()) {
                System.err.println("api-latency: FAILED: " + String.join(", ", failed));
                System.exit(1);
            }
        } catch (IllegalStateException e) {
            System.err.println("api-latency: FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    static Outcome run(ApiLatencyOptions o, PrintStream out) throws Exception {
        Database database = new Database(o.dbUrl(), o.dbUser(), o.dbPassword());
        PGSimpleDataSource db = database.dataSource();
        Targets targets;
        IssuedApiKey key;
        if (o.reuse()) {
            out.println("api-latency: reusing the data in " + o.dbUrl() + " (--reuse-data)");
            key = ApiKeys.issue(db, TENANT, "bench-" + System.currentTimeMillis());
            targets = Targets.read(db, key.tenantId());
        } else {
            out.printf("api-latency: loading %,d agents x %d series x %d h at 60 s = %,d samples into %s"
                    + " (dropped and created anew)%n", o.agents(), o.series(), o.hours(), o.samples(), o.dbUrl());
            SchemaMigrations.migrate(database.recreate().dataSource());
            key = ApiKeys.issue(db, TENANT, "bench-" + System.currentTimeMillis());
            Fleet fleet = Fleet.ending(Instant.now(), key.tenantId(), o.agents(), o.series(), o.hours() * 60);
            load(db, fleet, o.loaders(), out);
            targets = Targets.of(fleet);
        }
        markOnline(db, key);
        out.printf("api-latency: %,d agents, %d series each%n", targets.agents().size(), targets.metrics().size());

        long started = System.nanoTime();
        try (ApiServer api = ApiServer.start(o.repo(), database, o.repo().resolve("infra/bench/.run"),
                Duration.ofSeconds(120));
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                     .connectTimeout(Duration.ofSeconds(5)).build()) {
            out.printf("api-latency: api ready at %s after %s (log: %s)%n", api.base(), since(started),
                    api.process().log());
            out.println("api-latency: preflight: " + Preflight.check(http, api.base(), key.key(), targets));
            out.printf("api-latency: %d clients, %s warm-up, %s measured, think time %d ms%n", o.clients(),
                    duration(o.warmup().toMillis()), duration(o.measured().toMillis()), o.think().toMillis());
            ApiClients clients = new ApiClients(api.base(), key.key(), targets, o.clients(), o.think());
            Outcome outcome = measure(o, clients, database, key.tenantId(), out);
            api.process().checkAlive();
            out.println("api-latency: " + machineLoad());
            print(outcome.reported(), o, out);
            print(outcome.requests(), out);
            return outcome;
        }
    }

    /**
     * Runs the clients while the fleet reports, from the warm-up on: the warm-up then also
     * brings the api's caches to the steady state of a fleet that keeps sending.
     */
    private static Outcome measure(ApiLatencyOptions o, ApiClients clients, Database database, UUID tenant,
                                   PrintStream out) throws Exception {
        if (o.reportInterval().isZero()) {
            out.println("api-latency: fleet reporting off (--report-interval 0): nothing is written while measuring");
            return new Outcome(clients.run(o.warmup(), o.measured(), out), FleetReports.Totals.NONE);
        }
        try (HikariDataSource pool = reportsPool(database)) {
            FleetReports reports = FleetReports.start(pool, tenant, o.reportInterval(), Clock.systemUTC());
            out.printf("api-latency: fleet reporting: each of %,d agents stores a batch every %s through the"
                    + " store's SampleWriter%n", reports.agents(), o.reportIntervalText());
            ApiClients.Run run;
            try {
                run = clients.run(o.warmup(), o.measured(), out);
            } finally {
                reports.close();
            }
            return new Outcome(run, reports.totals());
        }
    }

    /**
     * Connections for the fleet's writes. Pooled, as in the store: a new connection per batch
     * would start a PostgreSQL backend each time, CPU the api would be measured without.
     */
    private static HikariDataSource reportsPool(Database database) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bench-fleet-reports");
        config.setJdbcUrl(database.url());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(2); // one writer thread; the second covers a connection being replaced
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }

    private static void load(DataSource db, Fleet fleet, int loaders, PrintStream out) throws Exception {
        SamplesTable samples = new SamplesTable(db);
        LocalDate first = LocalDate.ofInstant(Instant.ofEpochSecond(fleet.firstMinute() * 60), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(Instant.ofEpochSecond(fleet.lastMinute() * 60), ZoneOffset.UTC);
        samples.prepare(first, last);
        out.printf("api-latency: partitions %s..%s ready; indexes dropped for the load: %s%n", first, last,
                samples.droppedIndexes());
        long started = System.nanoTime();
        FleetLoader.load(db, fleet);
        out.printf("api-latency: %,d agents, %,d series and their latest values written in %s%n",
                fleet.agents().size(), (long) fleet.agents().size() * fleet.series().size(), since(started));

        started = System.nanoTime();
        long rows = new SampleLoader(db, fleet, loaders).load(out);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (rows != fleet.samples()) {
            throw new IllegalStateException("COPY took " + rows + " samples, " + fleet.samples() + " sent");
        }
        out.printf("api-latency: %,d samples loaded in %s (%,.0f rows/s, %d COPY streams)%n", rows,
                duration((long) (seconds * 1000)), rows / seconds, loaders);
        started = System.nanoTime();
        samples.buildIndexes();
        out.printf("api-latency: indexes built in %s%n", since(started));
        started = System.nanoTime();
        long rollups = samples.rollUp(first, last, loaders);
        out.printf("api-latency: %,d 5-minute rollups computed in %s%n", rollups, since(started));
        started = System.nanoTime();
        samples.vacuumAnalyze();
        out.printf("api-latency: VACUUM (ANALYZE) done in %s%n", since(started));
    }

    /** The agents are online: seen just now (loading takes minutes). */
    private static void markOnline(DataSource db, IssuedApiKey key) throws SQLException {
        try (Connection connection = db.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE agents SET status = 'online', last_seen = now() WHERE tenant_id = ?")) {
            update.setObject(1, key.tenantId());
            update.executeUpdate();
        }
    }

    private static void print(FleetReports.Totals reported, ApiLatencyOptions o, PrintStream out) {
        if (o.reportInterval().isZero()) {
            return;
        }
        reported.failureExamples().forEach(e -> out.println("api-latency: fleet reporting error: " + e));
        out.printf("api-latency: fleet reporting: %,d batches (%,d samples) stored while the clients ran, each agent"
                        + " every %s (at most %s behind schedule), %,d failures%n", reported.batches(),
                reported.samples(), o.reportIntervalText(), duration(reported.maxLagMs()), reported.failures());
    }

    private static void print(ApiClients.Run run, PrintStream out) {
        run.errorExamples().forEach(e -> out.println("api-latency: error: " + e));
        run.results().forEach((kind, r) -> out.printf(Locale.ROOT,
                "%-6s %,d requests (%.1f/s), p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, %.1f KB per response,"
                        + " %d errors%n", kind.label(), r.latencies().count(), r.perSecond(),
                r.latencies().percentileMs(50), r.latencies().percentileMs(95), r.latencies().percentileMs(99),
                r.latencies().maxMs(), r.meanKb(), r.errors()));
        out.printf(Locale.ROOT, "latest_p95_ms=%.1f range_p95_ms=%.1f%n",
                run.results().get(RequestKind.LATEST).latencies().percentileMs(95),
                run.results().get(RequestKind.RANGE).latencies().percentileMs(95));
    }

    /**
     * The 1-minute load average at the end of the run: everything (database, api, clients)
     * shares the machine, and so may other work, which the figures then include.
     */
    private static String machineLoad() {
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            String average = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            return "load average over the last minute " + average + " on " + cores + " cores";
        } catch (IOException | RuntimeException noProc) {
            return cores + " cores (no /proc/loadavg here)";
        }
    }

    private static String since(long startedNanos) {
        return duration((System.nanoTime() - startedNanos) / 1_000_000);
    }

    /** {@code 850 ms}, {@code 12.3 s}, {@code 4 min 05 s}. */
    static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = Math.round(millis / 1000.0);
        return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
}
