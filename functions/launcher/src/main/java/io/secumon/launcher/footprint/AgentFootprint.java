package io.secumon.launcher.footprint;

import io.secumon.edge.auth.EnrolledAgent;
import io.secumon.edge.auth.Enrollment;
import io.secumon.launcher.component.Database;
import io.secumon.launcher.component.Pipeline;
import io.secumon.schema.SchemaMigrations;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The agent footprint benchmark (run by {@code infra/bench/agent-footprint}): starts edge,
 * normalize and store as processes on the local broker and database, enrolls one agent, runs
 * the real agent jar with the JVM flags of {@code infra/systemd/secumon-agent.service},
 * default collectors and a 10 s interval, samples its {@code /proc} figures every second,
 * checks that its samples were stored, and prints as its last line
 * {@code rss_mb=<peak> cpu_percent=<average, of one core>}.
 */
public final class AgentFootprint {

    static final String AGENT_JAR = "agent/target/secumon-agent-0.1.0-SNAPSHOT-exec.jar";

    private AgentFootprint() {
    }

    public static void main(String[] args) throws Exception {
        FootprintOptions options;
        try {
            options = FootprintOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run(options, System.out);
        } catch (IllegalStateException e) {
            System.err.println("agent-footprint: FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(FootprintOptions o, PrintStream out) throws Exception {
        Path runDir = o.repo().resolve("infra/bench/.run");
        Path spool = runDir.resolve("agent-spool");
        deleteRecursively(spool); // batches left by an earlier run belong to an agent that no longer exists
        Files.createDirectories(spool);

        Database database = new Database(o.dbUrl(), o.dbUser(), o.dbPassword()).recreate();
        DataSource db = database.dataSource();
        SchemaMigrations.migrate(db);
        EnrolledAgent enrolled = Enrollment.enroll(db, "footprint-" + System.currentTimeMillis(), "footprint-agent");

        Map<String, String> env = database.pipelineEnvironment(o.rabbitUri(), "footprint");
        Pipeline pipeline = new Pipeline(Pipeline.Jars.in(o.repo()), env, runDir);
        try (pipeline) {
            out.println("footprint: starting edge, normalize, store (logs in infra/bench/.run/)");
            pipeline.start(Duration.ofSeconds(120));
            Path config = writeConfig(runDir.resolve("agent-footprint.yaml"), enrolled, pipeline.edgePort(), spool);
            ShippedLaunch shipped = ShippedLaunch.read(o.repo());
            String trial = System.getenv("BENCH_AGENT_JVM_FLAGS");
            List<String> flags = trial == null || trial.isBlank() ? shipped.jvmFlags()
                    : List.of(trial.strip().split("\\s+"));
            AgentProcess agent = new AgentProcess(o.repo().resolve(AGENT_JAR), flags, shipped.environment(), config,
                    runDir.resolve("agent.log"));
            out.println("footprint: agent JVM flags (" + (trial == null || trial.isBlank()
                    ? "from " + ShippedLaunch.UNIT : "BENCH_AGENT_JVM_FLAGS: a trial, NOT the shipped flags")
                    + "): " + String.join(" ", flags));
            out.println("footprint: agent environment (from " + ShippedLaunch.UNIT + "): " + shipped.environment());
            out.printf("footprint: running the agent for %d s (default collectors, interval 10s); log in "
                    + "infra/bench/.run/agent.log%n", o.seconds());
            out.printf("footprint: RSS = VmRSS of /proc/<pid>/status, peak over the whole run including start-up; "
                    + "CPU = utime+stime of /proc/<pid>/stat at %d clock ticks/s, averaged after the first %d s "
                    + "(JVM start-up)%n", o.clockTicksPerSecond(), o.warmupSeconds());
            Footprint footprint = new Footprint(o.warmupSeconds(), o.clockTicksPerSecond());
            int exit;
            try (agent) {
                agent.start();
                measure(agent, footprint, o, db, enrolled, out);
                exit = agent.stop();
            }
            out.printf("footprint: agent stopped (exit code %d; 143 = clean stop after SIGTERM)%n", exit);
            long rows = awaitStoredRows(db, enrolled);
            out.printf("footprint: %,d samples of the agent stored in PostgreSQL%n", rows);
            if (rows == 0) {
                throw new IllegalStateException("no samples of the agent reached PostgreSQL; see "
                        + runDir.resolve("agent.log") + " and the component logs in " + runDir);
            }
            if (footprint.childCpuTicks() > 0) {
                out.printf("footprint: note: child processes the agent ran used %d ticks of CPU (not in cpu_percent)%n",
                        footprint.childCpuTicks());
            }
            out.printf(Locale.ROOT, "footprint: CPU averaged over %.0f s after the %d s warm-up%n",
                    footprint.cpuSeconds(), o.warmupSeconds());
            out.printf(Locale.ROOT, "rss_mb=%.1f cpu_percent=%.2f%n", footprint.peakRssMb(), footprint.cpuPercent());
        } finally {
            Pipeline.deleteTopology(env);
        }
    }

    private static void measure(AgentProcess agent, Footprint footprint, FootprintOptions o, DataSource db,
                                EnrolledAgent enrolled, PrintStream out) throws InterruptedException, IOException {
        long pid = agent.pid();
        long started = System.nanoTime();
        for (int tick = 1; tick <= o.seconds(); tick++) {
            long due = started + tick * 1_000_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            agent.checkAlive();
            ProcStats stats = ProcStats.read(pid);
            footprint.add((System.nanoTime() - started) / 1e9, stats);
            if (tick % 30 == 0) {
                double cpu = footprint.cpuPercent();
                out.printf(Locale.ROOT, "footprint: %3d s: rss_mb=%.1f (peak %.1f) cpu_percent=%s, %,d samples stored%n",
                        tick, footprint.lastRssMb(), footprint.peakRssMb(),
                        Double.isNaN(cpu) ? "(warm-up)" : String.format(Locale.ROOT, "%.2f", cpu),
                        storedRows(db, enrolled));
            }
        }
    }

    private static Path writeConfig(Path file, EnrolledAgent agent, int edgePort, Path spool) throws IOException {
        String yaml = """
                # Written by infra/bench/agent-footprint: default collectors, 10 s interval.
                agent:
                  id: %s
                  name: footprint-bench
                collector:
                  endpoint: 127.0.0.1:%d
                  token: %s
                metrics:
                  interval: 10s
                spool:
                  dir: %s
                """.formatted(agent.agentId(), edgePort, quoted(agent.token()), quoted(spool.toString()));
        Files.deleteIfExists(file);
        Files.createDirectories(file.getParent());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, yaml);
        return file;
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Rows stored for the agent; waits up to 30 s for the last batches to come through. */
    private static long awaitStoredRows(DataSource db, EnrolledAgent agent) throws InterruptedException {
        long rows = storedRows(db, agent);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (rows == 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            rows = storedRows(db, agent);
        }
        return rows;
    }

    private static long storedRows(DataSource db, EnrolledAgent agent) {
        String sql = """
                SELECT count(*) FROM samples s JOIN series r ON r.id = s.series_id
                WHERE s.tenant_id = ? AND r.agent_id = ?""";
        try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, agent.tenantId());
            statement.setObject(2, agent.agentId());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the agent's stored samples: " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
