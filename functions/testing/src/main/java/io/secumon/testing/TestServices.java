package io.secumon.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * The real RabbitMQ and PostgreSQL servers that tests run against, resolved once per
 * test JVM (DESIGN.md §4), in this order:
 * <ol>
 *   <li>the server named by {@code SECUMON_TEST_RABBIT_URI} / {@code SECUMON_TEST_JDBC_URL}
 *       (with {@code SECUMON_TEST_JDBC_USER}, {@code SECUMON_TEST_JDBC_PASSWORD});</li>
 *   <li>a server already listening on localhost (5672 guest/guest, 5432 user postgres);</li>
 *   <li>a Testcontainers container when Docker is available;</li>
 *   <li>otherwise a failure that says which of these to provide.</li>
 * </ol>
 * Tests never skip silently and never mock the broker or the database. Each test isolates
 * itself with its own database ({@link PostgresServer#createDatabase()}) and its own
 * destination prefix ({@link #uniquePrefix()}).
 */
public final class TestServices {

    private static final Logger log = LoggerFactory.getLogger(TestServices.class);

    private static RabbitServer rabbit;
    private static PostgresServer postgres;

    private TestServices() {
    }

    /** The broker for this test JVM. */
    public static synchronized RabbitServer rabbit() {
        if (rabbit == null) {
            rabbit = resolveRabbit();
            log.info("tests use RabbitMQ at {}", rabbit.describe());
        }
        return rabbit;
    }

    /** The database server for this test JVM. */
    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = resolvePostgres();
            log.info("tests use PostgreSQL at {}", postgres.jdbcUrl("postgres"));
        }
        return postgres;
    }

    /**
     * A destination prefix unique to one test, e.g. {@code t3f9c2a1.}: exchanges and queues
     * named with it do not collide with other tests or a running SecuMon on the same broker.
     */
    public static String uniquePrefix() {
        return "t" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10) + ".";
    }

    private static RabbitServer resolveRabbit() {
        String uri = System.getenv("SECUMON_TEST_RABBIT_URI");
        if (uri != null && !uri.isBlank()) {
            return RabbitServer.fromUri(URI.create(uri));
        }
        if (listening("127.0.0.1", 5672)) {
            return new RabbitServer("127.0.0.1", 5672, "guest", "guest", "/");
        }
        if (dockerAvailable()) {
            RabbitMQContainer container = new RabbitMQContainer("rabbitmq:3.13-management");
            container.start();
            return new RabbitServer(container.getHost(), container.getAmqpPort(),
                    container.getAdminUsername(), container.getAdminPassword(), "/");
        }
        throw new IllegalStateException(missing("RabbitMQ", "SECUMON_TEST_RABBIT_URI",
                "amqp://guest:guest@127.0.0.1:5672", "5672 (guest/guest)", "rabbitmq-server -detached"));
    }

    private static PostgresServer resolvePostgres() {
        String url = System.getenv("SECUMON_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return PostgresServer.fromJdbcUrl(url,
                    envOr("SECUMON_TEST_JDBC_USER", "postgres"), envOr("SECUMON_TEST_JDBC_PASSWORD", ""));
        }
        if (listening("127.0.0.1", 5432)) {
            return new PostgresServer("127.0.0.1", 5432, "postgres", "");
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            return new PostgresServer(container.getHost(), container.getMappedPort(5432),
                    container.getUsername(), container.getPassword());
        }
        throw new IllegalStateException(missing("PostgreSQL", "SECUMON_TEST_JDBC_URL",
                "jdbc:postgresql://127.0.0.1:5432/postgres", "5432 (user postgres)",
                "pg_ctlcluster <version> main start"));
    }

    private static String missing(String what, String variable, String example, String port, String start) {
        return "The tests need a real " + what + " server and found none. Provide one of: "
                + variable + " (e.g. " + example + "); a server listening on 127.0.0.1:" + port
                + " (e.g. '" + start + "'); or a running Docker engine for Testcontainers.";
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
