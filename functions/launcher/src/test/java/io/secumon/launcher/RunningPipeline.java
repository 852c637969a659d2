package io.secumon.launcher;

import io.secumon.launcher.component.Pipeline;
import io.secumon.schema.SchemaMigrations;
import io.secumon.testing.TestDatabase;
import io.secumon.testing.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The pipeline's processes on a database and a destination prefix of their own, for one
 * end-to-end test class; {@link #close()} stops them and removes both.
 */
final class RunningPipeline implements AutoCloseable {

    final TestDatabase database;
    final PGSimpleDataSource dataSource;
    final Map<String, String> environment;
    final Pipeline pipeline;

    private RunningPipeline(TestDatabase database, Map<String, String> environment, Pipeline pipeline) {
        this.database = database;
        this.dataSource = database.dataSource();
        this.environment = environment;
        this.pipeline = pipeline;
    }

    /** Starts edge, normalize and store; their logs go to {@code target/<logs>}. */
    static RunningPipeline start(String logs) {
        return start(logs, Map.of());
    }

    /** As {@link #start(String)}, with {@code extra} settings in every component's environment. */
    static RunningPipeline start(String logs, Map<String, String> extra) {
        TestDatabase database = TestServices.postgres().createDatabase();
        try {
            SchemaMigrations.migrate(database.dataSource());
            Map<String, String> environment = new java.util.HashMap<>(extra);
            environment.putAll(Map.of(
                    "SECUMON_RABBIT_URI", TestServices.rabbit().uri(),
                    "SECUMON_DB_URL", database.jdbcUrl(),
                    "SECUMON_DB_USER", database.username(),
                    "SECUMON_DB_PASSWORD", database.password(),
                    "SECUMON_DESTINATION_PREFIX", TestServices.uniquePrefix()));
            Pipeline pipeline = new Pipeline(Pipeline.Jars.in(repo()), environment, Path.of("target", logs));
            RunningPipeline running = new RunningPipeline(database, environment, pipeline);
            try {
                pipeline.start(Duration.ofSeconds(120));
            } catch (RuntimeException e) {
                running.close();
                throw e;
            }
            return running;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            pipeline.close();
            Pipeline.deleteTopology(environment);
        } finally {
            database.close();
        }
    }

    private static Path repo() {
        String path = System.getProperty("secumon.repo");
        if (path == null) {
            throw new IllegalStateException("system property secumon.repo is unset: run these tests through Maven"
                    + " ('./mvnw verify')");
        }
        return Path.of(path);
    }
}
