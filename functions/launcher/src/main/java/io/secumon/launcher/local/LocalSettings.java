package io.secumon.launcher.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code infra/local/up} can be told, read once from the environment. A setting left
 * unset (or blank) takes its default; a bad one stops the run before anything starts, with
 * a message naming the variable.
 *
 * @param runDirectory     {@code SECUMON_LOCAL_DIR}: the embedded database's data, the local
 *                         agent's spool, dead letters and logs (default {@code infra/local/.run})
 * @param externalDatabase {@code SECUMON_DB_URL}: use this PostgreSQL database (created if
 *                         missing) instead of starting the embedded one
 * @param dbUser           {@code SECUMON_DB_USER}: user of the external database
 * @param dbPassword       {@code SECUMON_DB_PASSWORD}: password of the external database
 * @param embeddedDbPort   {@code SECUMON_LOCAL_DB_PORT}: port of the embedded PostgreSQL (54329)
 * @param rabbitUri        {@code SECUMON_RABBIT_URI}: run edge, normalize and store as processes
 *                         joined by this broker instead of chaining the functions in memory
 * @param apiPort          {@code SECUMON_API_PORT}: the API's HTTP port (8080; 0 picks a free one)
 * @param edgePort         {@code SECUMON_EDGE_GRPC_PORT}: the edge's gRPC port (50051; 0 picks one)
 * @param edgeMetricsPort  {@code SECUMON_EDGE_METRICS_PORT}: the edge's {@code /metrics} (9401; 0 off)
 */
public record LocalSettings(Path runDirectory, Optional<String> externalDatabase, String dbUser, String dbPassword,
                            int embeddedDbPort, Optional<URI> rabbitUri, int apiPort, int edgePort,
                            int edgeMetricsPort) {

    public static final String RUN_DIRECTORY = "SECUMON_LOCAL_DIR";
    public static final String DB_URL = "SECUMON_DB_URL";
    public static final String DB_USER = "SECUMON_DB_USER";
    public static final String DB_PASSWORD = "SECUMON_DB_PASSWORD";
    public static final String EMBEDDED_DB_PORT = "SECUMON_LOCAL_DB_PORT";
    public static final String RABBIT_URI = "SECUMON_RABBIT_URI";
    public static final String API_PORT = "SECUMON_API_PORT";
    public static final String EDGE_PORT = "SECUMON_EDGE_GRPC_PORT";
    public static final String EDGE_METRICS_PORT = "SECUMON_EDGE_METRICS_PORT";

    /** Who the embedded PostgreSQL trusts (initdb runs with {@code -A trust -U postgres}). */
    static final String EMBEDDED_USER = "postgres";
    static final String DATABASE_NAME = "secumon";

    /**
     * Reads the settings; relative paths are taken from {@code repo}, the checkout.
     *
     * @throws IllegalArgumentException naming the first variable whose value is unusable
     */
    public static LocalSettings fromEnvironment(Map<String, String> env, Path repo) {
        Optional<String> dbUrl = text(env, DB_URL);
        if (dbUrl.isPresent() && !dbUrl.get().startsWith("jdbc:postgresql://")) {
            throw invalid(DB_URL, "expected a jdbc:postgresql:// URL, e.g. jdbc:postgresql://localhost:5432/secumon");
        }
        Optional<URI> rabbit = text(env, RABBIT_URI).map(LocalSettings::amqpUri);
        return new LocalSettings(
                repo.resolve(text(env, RUN_DIRECTORY).orElse("infra/local/.run")).toAbsolutePath().normalize(),
                dbUrl,
                text(env, DB_USER).orElse(EMBEDDED_USER),
                Optional.ofNullable(env.get(DB_PASSWORD)).orElse(""),
                port(env, EMBEDDED_DB_PORT, 54329, 1),
                rabbit,
                port(env, API_PORT, 8080, 0),
                port(env, EDGE_PORT, 50051, 0),
                port(env, EDGE_METRICS_PORT, 9401, 0));
    }

    /** Whether the run starts its own PostgreSQL. */
    public boolean embeddedDatabase() {
        return externalDatabase.isEmpty();
    }

    /** Whether the functions run in this JVM, chained in memory. */
    public boolean inMemory() {
        return rabbitUri.isEmpty();
    }

    /** Where the embedded PostgreSQL keeps its data between runs. */
    public Path postgresDirectory() {
        return runDirectory.resolve("postgres");
    }

    /** The local agent's on-disk spool. */
    public Path agentSpool() {
        return runDirectory.resolve("agent-spool");
    }

    /** Batches that can never be stored (the in-memory counterpart of a dead-letter queue). */
    public Path deadLetters() {
        return runDirectory.resolve("dead-letters");
    }

    /** The log file of everything running in this JVM. */
    public Path logFile() {
        return runDirectory.resolve("secumon.log");
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static int port(Map<String, String> env, String name, int fallback, int min) {
        Optional<String> value = text(env, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.get());
            if (port >= min && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, "'" + value.get() + "' is not a port (" + min + "..65535)");
    }

    private static URI amqpUri(String text) {
        try {
            URI uri = new URI(text);
            if (("amqp".equalsIgnoreCase(uri.getScheme()) || "amqps".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below; the value may hold a password, so it is not echoed
        }
        throw invalid(RABBIT_URI, "expected an amqp:// or amqps:// URI with a host, e.g. amqp://guest:guest@localhost:5672");
    }

    private static IllegalArgumentException invalid(String variable, String problem) {
        return new IllegalArgumentException(variable + ": " + problem);
    }
}
