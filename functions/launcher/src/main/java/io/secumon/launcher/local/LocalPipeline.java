package io.secumon.launcher.local;

import io.secumon.edge.auth.EnrolledAgent;
import io.secumon.edge.auth.Enrollment;
import io.secumon.launcher.component.Database;
import io.secumon.launcher.component.Pipeline;
import io.secumon.schema.SchemaMigrations;
import java.nio.file.Path;
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

        PGSimpleDataSource db = new Database(env.get("SECUMON_DB_URL"), env.get("SECUMON_DB_USER"),
                env.get("SECUMON_DB_PASSWORD")).createIfMissing().dataSource();
        SchemaMigrations.migrate(db);
        EnrolledAgent agent = Enrollment.enroll(db, "local", "local-agent");

        Pipeline pipeline = new Pipeline(Pipeline.Jars.in(repo), env, repo.resolve("infra/local/.run"));
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
}
