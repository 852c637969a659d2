package io.secumon.launcher.local;

import io.secumon.edge.auth.EnrolledAgent;
import io.secumon.edge.auth.Enrollment;
import io.secumon.launcher.component.Pipeline;
import io.secumon.schema.SchemaMigrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code infra/local/up}: runs edge, normalize and store as processes on this machine's
 * RabbitMQ and PostgreSQL with the default configuration (any SECUMON_* variable set in
 * the environment is passed on), creates the database if missing, enrolls an agent
 * {@code local-agent} of tenant {@code local} and prints its token. Ctrl-C stops all.
 */
public final class LocalPipeline {

    private LocalPipeline() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("SECUMON_")) {
                env.put(name, value);
            }
        });
        env.putIfAbsent("SECUMON_DB_URL", "jdbc:postgresql://localhost:5432/secumon");
        env.putIfAbsent("SECUMON_DB_USER", "postgres");
        env.putIfAbsent("SECUMON_DB_PASSWORD", "");
        env.putIfAbsent("SECUMON_RABBIT_URI", "amqp://guest:guest@localhost:5672");
        env.putIfAbsent("SECUMON_EDGE_GRPC_PORT", "50051");
        env.putIfAbsent("SECUMON_EDGE_METRICS_PORT", "9401");
        env.putIfAbsent("SECUMON_NORMALIZE_HTTP_PORT", "8081");
        env.putIfAbsent("SECUMON_STORE_HTTP_PORT", "8082");
        Path repo = Path.of(env.getOrDefault("SECUMON_REPO", ".")).toAbsolutePath().normalize();

        PGSimpleDataSource db = createDatabaseIfMissing(env);
        SchemaMigrations.migrate(db);
        EnrolledAgent agent = Enrollment.enroll(db, "local", "local-agent");

        Pipeline pipeline = new Pipeline(new Pipeline.Jars(
                repo.resolve("edge-ingress/target/secumon-edge-ingress-0.1.0-SNAPSHOT-exec.jar"),
                repo.resolve("functions/normalize/target/secumon-normalize-0.1.0-SNAPSHOT-exec.jar"),
                repo.resolve("functions/store/target/secumon-store-0.1.0-SNAPSHOT-exec.jar")),
                env, repo.resolve("infra/local/.run"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pipeline.close();
            stopped.countDown();
        }));
        pipeline.start(Duration.ofSeconds(120));
        System.out.printf("""
                SecuMon is running (logs in infra/local/.run/, Ctrl-C stops it):
                  edge-ingress  grpc://127.0.0.1:%s  metrics http://127.0.0.1:%s/metrics
                  normalize     http://127.0.0.1:%s/health
                  store         http://127.0.0.1:%s/health
                  database      %s
                Enrolled agent local-agent (tenant local): id %s
                  token %s
                """, env.get("SECUMON_EDGE_GRPC_PORT"), env.get("SECUMON_EDGE_METRICS_PORT"),
                env.get("SECUMON_NORMALIZE_HTTP_PORT"), env.get("SECUMON_STORE_HTTP_PORT"),
                env.get("SECUMON_DB_URL"), agent.agentId(), agent.token());
        stopped.await();
    }

    private static PGSimpleDataSource createDatabaseIfMissing(Map<String, String> env) throws SQLException {
        String url = env.get("SECUMON_DB_URL");
        int slash = url.lastIndexOf('/');
        String name = url.substring(slash + 1).split("\\?")[0];
        try (Connection admin = DriverManager.getConnection(url.substring(0, slash + 1) + "postgres",
                env.get("SECUMON_DB_USER"), env.get("SECUMON_DB_PASSWORD"));
             PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            if (!exists.executeQuery().next()) {
                try (Statement create = admin.createStatement()) {
                    create.execute("CREATE DATABASE \"" + name.replace("\"", "") + "\"");
                }
            }
        }
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl(url);
        db.setUser(env.get("SECUMON_DB_USER"));
        db.setPassword(env.get("SECUMON_DB_PASSWORD"));
        return db;
    }
}
