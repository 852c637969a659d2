package io.secumon.api.health;

import io.secumon.api.auth.ApiKeys;
import io.secumon.testing.TcpProxy;
import io.secumon.testing.TestDatabase;
import io.secumon.testing.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The probes against a database that goes away and comes back: the api reaches its
 * database through a TCP proxy the test can cut.
 */
// Declared before @SpringBootTest so that its after-all runs after Spring closed the context.
@ExtendWith(HealthRoutesTest.DropDatabase.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// The first request of a context warms the R2DBC pool and the JIT: more than the 5 s default on a busy CI machine.
@AutoConfigureWebTestClient(timeout = "30s")
@DirtiesContext
class HealthRoutesTest {

    private static final TestDatabase database = TestServices.postgres().createDatabase();
    private static final TcpProxy proxy = startProxy();

    @Autowired
    private WebTestClient client;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("secumon.db.url", () -> "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database.name());
        registry.add("secumon.db.user", database::username);
        registry.add("secumon.db.password", database::password);
    }

    @AfterEach
    void reconnect() {
        proxy.restore();
    }

    /** Drops the database once nothing of the api uses it. */
    static final class DropDatabase implements AfterAllCallback {

        @Override
        public void afterAll(ExtensionContext extension) {
            proxy.close();
            database.close();
        }
    }

    @Test
    void everyProbe_isUp_whenTheDatabaseIsMigratedAndReachable() {
        expect("/health/live", 200, Map.of("status", "UP"));
        expect("/health/ready", 200, Map.of("status", "UP", "database", "UP", "schema", "UP"));
        expect("/health", 200, Map.of("status", "UP", "database", "UP", "schema", "UP"));
    }

    @Test
    void readiness_andHealth_fail_whileTheDatabaseIsUnreachable_andRecover() {
        proxy.cut();

        expect("/health/live", 200, Map.of("status", "UP"));
        expect("/health/ready", 503, Map.of("status", "DOWN", "database", "DOWN", "schema", "UNKNOWN"));
        expect("/health", 503, Map.of("status", "DOWN", "database", "DOWN", "schema", "UNKNOWN"));

        proxy.restore();
        expect("/health/ready", 200, Map.of("status", "UP", "database", "UP", "schema", "UP"));
    }

    @Test
    void apiRequests_areServiceUnavailable_whileTheDatabaseIsUnreachable() {
        String key = ApiKeys.issue(database.dataSource(), "outage", "probe").key();
        proxy.cut();

        client.mutate().responseTimeout(Duration.ofSeconds(20)).build()
                .get().uri("/api/v1/agents").header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://secumon.io/problems/database-unavailable");
    }

    @Test
    void readiness_fails_whenTheDatabaseLacksThisBuildsSchema() {
        sql("UPDATE flyway_schema_history SET success = false WHERE installed_rank = (SELECT max(installed_rank) FROM"
                + " flyway_schema_history)");
        try {
            expect("/health/ready", 503, Map.of("status", "DOWN", "database", "UP", "schema", "DOWN"));
            // Reachable is enough for /health: it reports the schema without failing on it.
            expect("/health", 200, Map.of("status", "UP", "database", "UP", "schema", "DOWN"));
        } finally {
            sql("UPDATE flyway_schema_history SET success = true");
        }
    }

    private void expect(String path, int status, Map<String, String> body) {
        client.mutate().responseTimeout(Duration.ofSeconds(10)).build()
                .get().uri(path).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(Map.class).isEqualTo(body);
    }

    private static void sql(String sql) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static TcpProxy startProxy() {
        try {
            return TcpProxy.start(database.server().host(), database.server().port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
