package io.secumon.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.api.auth.ApiKeys;
import io.secumon.api.auth.IssuedApiKey;
import io.secumon.testing.Sql;
import io.secumon.testing.TestDatabase;
import io.secumon.testing.TestServices;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The api running on a random port against a database of its own (created when the
 * context starts, dropped after the test class): each test class gets a fresh context
 * ({@link DirtiesContext}) and so a fresh database. Tests reach the database over JDBC for
 * set-up and checks, the way the pipeline's other processes write it.
 */
// Declared before @SpringBootTest so that its after-all runs after Spring closed the context:
// the database is dropped once nothing of the api uses it any more.
@ExtendWith(ApiIntegrationTest.DropDatabases.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// The first request of a context warms the R2DBC pool and the JIT: more than the 5 s default on a busy CI machine.
@AutoConfigureWebTestClient(timeout = "30s")
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiIntegrationTest {

    protected static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {
            };

    /** Requests without credentials. */
    @Autowired
    protected WebTestClient anonymous;

    @Autowired
    private ApiSettings settings;

    /** Databases of contexts started and not yet dropped. */
    private static final List<TestDatabase> databases = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void newDatabase(DynamicPropertyRegistry registry) {
        TestDatabase database = TestServices.postgres().createDatabase();
        databases.add(database);
        registry.add("secumon.db.url", database::jdbcUrl);
        registry.add("secumon.db.user", database::username);
        registry.add("secumon.db.password", database::password);
    }

    /** This class's database (the one the context was started with). */
    protected TestDatabase database() {
        return new TestDatabase(TestServices.postgres(), settings.database().database());
    }

    protected DataSource dataSource() {
        return database().dataSource();
    }

    /** Requests with {@code Authorization: Bearer <key>}. */
    protected WebTestClient as(String key) {
        return anonymous.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key).build();
    }

    /** A new key of tenant {@code tenant} (created when missing), as the CLI issues it. */
    protected IssuedApiKey issueKey(String tenant) {
        return ApiKeys.issue(dataSource(), tenant, "test-" + UUID.randomUUID());
    }

    /** Runs {@code sql} with {@code parameters} over JDBC; returns the update count. */
    protected int execute(String sql, Object... parameters) {
        return Sql.execute(dataSource(), sql, parameters);
    }

    /** The single value {@code sql} returns. */
    protected Object value(String sql, Object... parameters) {
        return Sql.value(dataSource(), sql, parameters);
    }

    /** Asserts a problem response of {@code status} and {@code slug} for {@code instance}; returns its body. */
    protected static Map<String, Object> expectProblem(WebTestClient.ResponseSpec response, HttpStatus status,
                                                       String slug, String instance) {
        Map<String, Object> body = response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(body)
                .containsEntry("type", "https://secumon.io/problems/" + slug)
                .containsEntry("status", status.value())
                .containsEntry("instance", instance)
                .containsKeys("title", "detail");
        return body;
    }

    /** Drops the databases of the test class once its context is closed. */
    static final class DropDatabases implements AfterAllCallback {

        @Override
        public void afterAll(ExtensionContext extension) {
            for (TestDatabase database : databases) {
                databases.remove(database);
                database.close();
            }
        }
    }
}
