package io.secumon.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.api.auth.IssuedApiKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two tenants with agents and stored samples: whatever tenant A asks, it never sees tenant
 * B's agents or data. B's agents are "not found" for A (404, never 403, so A cannot even
 * learn that they exist), and absent from A's lists and counts.
 */
class TenantIsolationTest extends ApiIntegrationTest {

    /** Every GET route about one agent; {id} is replaced. Adding a route is one line. */
    static Stream<String> agentRoutes() {
        return Stream.of(
                "/api/v1/agents/{id}",
                "/api/v1/agents/{id}/metrics/latest",
                "/api/v1/agents/{id}/metrics/range?from=-1h&to=now",
                "/api/v1/agents/{id}/metrics/range?from=-1h&to=now&resolution=5m&metric=cpu.*",
                "/api/v1/agents/{id}/metrics/disk",
                "/api/v1/agents/{id}/metrics/network",
                "/api/v1/agents/{id}/metrics/processes");
    }

    /** Every GET route over a tenant's agents as a whole. */
    static Stream<String> tenantRoutes() {
        return Stream.of(
                "/api/v1/agents",
                "/api/v1/agents?label=owner:b",
                "/api/v1/agents?status=online",
                "/api/v1/agents/stats");
    }

    private record Tenant(WebTestClient client, UUID id, List<String> agents, String hostname) {
    }

    private Tenant a;
    private Tenant b;

    @BeforeAll
    void twoTenantsWithData() {
        a = tenant("tenant-a", "a-host-visible");
        b = tenant("tenant-b", "b-host-secret");
    }

    @ParameterizedTest
    @MethodSource("agentRoutes")
    void agentRoute_servesTheTenantsOwnAgent_withNothingOfTheOther(String route) {
        String body = get(a, route.replace("{id}", a.agents().get(0)), HttpStatus.OK);

        assertThat(body).contains(a.agents().get(0));
        assertNothingOf(b, body);
    }

    @ParameterizedTest
    @MethodSource("agentRoutes")
    void agentRoute_isNotFound_forTheOtherTenantsAgent(String route) {
        for (String agent : b.agents()) {
            assertNoDataOf(b, get(a, route.replace("{id}", agent), HttpStatus.NOT_FOUND));
        }
        assertNoDataOf(a, get(b, route.replace("{id}", a.agents().get(1)), HttpStatus.NOT_FOUND));
    }

    @ParameterizedTest
    @MethodSource("tenantRoutes")
    void tenantRoute_showsNothingOfTheOtherTenant(String route) {
        assertNothingOf(b, get(a, route, HttpStatus.OK));
        assertNothingOf(a, get(b, route, HttpStatus.OK));
    }

    @Test
    void stats_countOnlyTheTenantsOwnAgents() {
        a.client().get().uri("/api/v1/agents/stats").exchange()
                .expectStatus().isOk()
                .expectBody(JSON_OBJECT).isEqualTo(Map.of("total", 2, "online", 2, "offline", 0, "pending", 0,
                        "disabled", 0));
    }

    @Test
    void changingOrDeletingTheOtherTenantsAgent_isNotFound_andChangesNothing() {
        String agent = b.agents().get(0);

        a.client().patch().uri("/api/v1/agents/{id}", agent).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "hijacked", "disabled", true)).exchange()
                .expectStatus().isNotFound();
        a.client().delete().uri("/api/v1/agents/{id}", agent).exchange().expectStatus().isNotFound();

        b.client().get().uri("/api/v1/agents/{id}", agent).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("b-host-secret-agent-0")
                .jsonPath("$.status").isEqualTo("online");
        assertThat((Long) value("SELECT count(*) FROM series WHERE agent_id = ?", UUID.fromString(agent)))
                .isPositive();
    }

    @Test
    void multiSeriesQuery_namingTheOtherTenantsAgent_isNotFound() {
        String body = a.client().post().uri("/api/v1/metrics/query").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("queries", List.of(Map.of("agent_id", b.agents().get(0), "metric", "cpu.*")),
                        "from", "-1h", "to", "now"))
                .exchange()
                .expectStatus().isNotFound()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).doesNotContain("b-host-secret");
    }

    /** A tenant with a key and two agents provisioned over the api, each with one stored collection round. */
    private Tenant tenant(String name, String hostname) {
        IssuedApiKey key = issueKey(name);
        WebTestClient client = as(key.key());
        List<String> agents = Stream.of(0, 1).map(i -> (String) client.post().uri("/api/v1/agents")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("name", hostname + "-agent-" + i, "labels", Map.of("owner", name.substring(7))))
                        .exchange()
                        .expectStatus().isCreated()
                        .expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id"))
                .toList();
        for (String agent : agents) {
            AgentSamples.store(dataSource(), key.tenantId(), UUID.fromString(agent), Instant.now(), hostname);
        }
        return new Tenant(client, key.tenantId(), agents, hostname);
    }

    private static String get(Tenant tenant, String path, HttpStatus status) {
        return tenant.client().get().uri(path).exchange()
                .expectStatus().isEqualTo(status)
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** Neither the tenant's id, its agents' ids nor anything named after its host appears in {@code body}. */
    private static void assertNothingOf(Tenant tenant, String body) {
        assertNoDataOf(tenant, body);
        tenant.agents().forEach(agent -> assertThat(body).doesNotContain(agent));
    }

    /** For answers about an id the client sent (which they may echo): no data of the tenant. */
    private static void assertNoDataOf(Tenant tenant, String body) {
        assertThat(body).doesNotContain(tenant.id().toString()).doesNotContain(tenant.hostname());
    }
}
