package io.secumon.api.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.api.AgentSamples;
import io.secumon.api.ApiIntegrationTest;
import io.secumon.api.auth.IssuedApiKey;
import io.secumon.pipeline.credential.BearerTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class AgentRoutesTest extends ApiIntegrationTest {

    @Test
    void create_returnsAgentWithOneTimeToken_storingOnlyItsHash() {
        WebTestClient client = newTenant();

        Map<String, Object> created = client.post().uri("/api/v1/agents")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "web-1", "labels", Map.of("env", "prod")))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/v1/agents/[0-9a-f-]{36}")
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();

        assertThat(created).containsEntry("name", "web-1").containsEntry("status", "pending")
                .containsEntry("labels", Map.of("env", "prod")).containsEntry("last_seen", null)
                .containsEntry("ip_addresses", List.of()).containsKeys("created_at", "updated_at", "agent_version");
        String token = (String) created.get("token");
        assertThat(token).startsWith(BearerTokens.AGENT_TOKEN);
        UUID id = UUID.fromString((String) created.get("id"));
        assertThat(value("SELECT token_sha256 FROM agent_credentials WHERE agent_id = ?", id))
                .isEqualTo(BearerTokens.sha256(token));
        assertThat(value("SELECT count(*) FROM agent_credentials WHERE agent_id = ?", id)).isEqualTo(1L);
    }

    @Test
    void create_withTakenName_isConflict_andLeavesNoSecondAgent() {
        WebTestClient client = newTenant();
        create(client, "db-1", Map.of());

        expectProblem(client.post().uri("/api/v1/agents").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "db-1")).exchange(), HttpStatus.CONFLICT, "duplicate-name", "/api/v1/agents");
        assertThat((List<?>) list(client, "").get("items")).hasSize(1);
    }

    @Test
    void create_rejectsBadBodies_withProblems() {
        WebTestClient client = newTenant();

        expectCreateProblem(client, "{\"name\": ", "malformed-json");
        expectCreateProblem(client, "[1, 2]", "malformed-json");
        expectCreateProblem(client, "{}", "invalid-field");
        expectCreateProblem(client, "{\"name\": \"  \"}", "invalid-field");
        expectCreateProblem(client, "{\"name\": 7}", "invalid-field");
        expectCreateProblem(client, "{\"name\": \"a\", \"label\": {}}", "invalid-field");
        expectCreateProblem(client, "{\"name\": \"a\", \"labels\": {\"env\": 1}}", "invalid-field");
        expectCreateProblem(client, "{\"name\": \"a\", \"labels\": {\"a:b\": \"x\"}}", "invalid-field");
        expectCreateProblem(client, "", "missing-body");
    }

    @Test
    void get_returnsTheAgent_404ForUnknownId_400ForMalformedId() {
        WebTestClient client = newTenant();
        String id = create(client, "mail-1", Map.of("role", "mail"));

        client.get().uri("/api/v1/agents/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(id).jsonPath("$.labels.role").isEqualTo("mail");
        String unknown = UUID.randomUUID().toString();
        expectProblem(client.get().uri("/api/v1/agents/{id}", unknown).exchange(), HttpStatus.NOT_FOUND, "not-found",
                "/api/v1/agents/" + unknown);
        expectProblem(client.get().uri("/api/v1/agents/not-a-uuid").exchange(), HttpStatus.BAD_REQUEST,
                "malformed-id", "/api/v1/agents/not-a-uuid");
        expectProblem(client.get().uri("/api/v1/agents/1-2-3-4-5").exchange(), HttpStatus.BAD_REQUEST,
                "malformed-id", "/api/v1/agents/1-2-3-4-5");
    }

    @Test
    void get_showsIdentityAndOnlineStatus_afterTheAgentDelivered() {
        WebTestClient client = newTenant();
        String id = create(client, "app-1", Map.of());
        UUID tenant = (UUID) value("SELECT tenant_id FROM agents WHERE id = ?", UUID.fromString(id));

        AgentSamples.store(dataSource(), tenant, UUID.fromString(id), Instant.now(), "app-1.example");

        client.get().uri("/api/v1/agents/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("online")
                .jsonPath("$.hostname").isEqualTo("app-1.example")
                .jsonPath("$.ip_addresses[0]").isEqualTo("10.0.0.7")
                .jsonPath("$.os_version").isEqualTo("12")
                .jsonPath("$.agent_version").isEqualTo("0.1.0")
                .jsonPath("$.last_seen").isNotEmpty();
    }

    @Test
    void list_pagesThroughEveryAgentOnce_inNameOrder() {
        WebTestClient client = newTenant();
        List<String> names = List.of("a-07", "a-01", "a-05", "a-03", "a-02", "a-06", "a-04");
        names.forEach(name -> create(client, name, Map.of()));

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = list(client, "limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            List<?> items = (List<?>) page.get("items");
            pageSizes.add(items.size());
            items.forEach(item -> seen.add((String) ((Map<?, ?>) item).get("name")));
            cursor = (String) page.get("next_cursor");
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(seen).containsExactly("a-01", "a-02", "a-03", "a-04", "a-05", "a-06", "a-07");
    }

    @Test
    void list_withExactlyAFullLastPage_endsWithoutAnEmptyPage() {
        WebTestClient client = newTenant();
        List.of("x", "y").forEach(name -> create(client, name, Map.of()));

        Map<String, Object> page = list(client, "limit=2");

        assertThat((List<?>) page.get("items")).hasSize(2);
        assertThat(page).containsEntry("next_cursor", null);
    }

    @Test
    void list_rejectsBadPaging() {
        WebTestClient client = newTenant();

        expectProblem(client.get().uri("/api/v1/agents?limit=501").exchange(), HttpStatus.BAD_REQUEST,
                "page-too-large", "/api/v1/agents");
        expectProblem(client.get().uri("/api/v1/agents?limit=0").exchange(), HttpStatus.BAD_REQUEST,
                "bad-limit", "/api/v1/agents");
        expectProblem(client.get().uri("/api/v1/agents?limit=ten").exchange(), HttpStatus.BAD_REQUEST,
                "bad-limit", "/api/v1/agents");
        expectProblem(client.get().uri("/api/v1/agents?cursor=forged").exchange(), HttpStatus.BAD_REQUEST,
                "bad-cursor", "/api/v1/agents");
    }

    @Test
    void list_andStats_filterByComputedStatus() {
        WebTestClient client = newTenant();
        String online = create(client, "online-1", Map.of());
        String offline = create(client, "offline-1", Map.of());
        create(client, "pending-1", Map.of());
        String disabled = create(client, "disabled-1", Map.of());
        seen(online, Instant.now().minusSeconds(10));
        seen(offline, Instant.now().minus(10, ChronoUnit.MINUTES)); // default threshold: 90 s
        seen(disabled, Instant.now());
        patch(client, disabled, Map.of("disabled", true)).expectStatus().isOk();

        assertThat(names(client, "status=online")).containsExactly("online-1");
        assertThat(names(client, "status=offline")).containsExactly("offline-1");
        assertThat(names(client, "status=pending")).containsExactly("pending-1");
        assertThat(names(client, "status=disabled")).containsExactly("disabled-1");
        client.get().uri("/api/v1/agents/stats").exchange()
                .expectStatus().isOk()
                .expectBody(JSON_OBJECT).isEqualTo(Map.of("total", 4, "online", 1, "offline", 1, "pending", 1,
                        "disabled", 1));
        expectProblem(client.get().uri("/api/v1/agents?status=sleeping").exchange(), HttpStatus.BAD_REQUEST,
                "bad-status", "/api/v1/agents");
    }

    @Test
    void list_andStats_filterByEveryLabelGiven() {
        WebTestClient client = newTenant();
        create(client, "prod-db", Map.of("env", "prod", "role", "db"));
        create(client, "prod-web", Map.of("env", "prod", "role", "web"));
        create(client, "test-db", Map.of("env", "test", "role", "db"));

        assertThat(names(client, "label=env:prod")).containsExactly("prod-db", "prod-web");
        assertThat(names(client, "label=env:prod&label=role:db")).containsExactly("prod-db");
        assertThat(names(client, "label=env:staging")).isEmpty();
        client.get().uri("/api/v1/agents/stats?label=role:db").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(2);
        expectProblem(client.get().uri("/api/v1/agents?label=env").exchange(), HttpStatus.BAD_REQUEST,
                "bad-label-filter", "/api/v1/agents");
    }

    @Test
    void patch_renamesRelabels_andDisablesThenReenables() {
        WebTestClient client = newTenant();
        String id = create(client, "old-name", Map.of("env", "test"));
        seen(id, Instant.now());

        patch(client, id, Map.of("name", "new-name", "labels", Map.of("env", "prod", "team", "ops")))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("new-name")
                .jsonPath("$.labels.env").isEqualTo("prod")
                .jsonPath("$.labels.team").isEqualTo("ops")
                .jsonPath("$.status").isEqualTo("online");
        patch(client, id, Map.of("disabled", true)).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("disabled");
        assertThat(value("SELECT status FROM agents WHERE id = ?", UUID.fromString(id))).isEqualTo("disabled");
        patch(client, id, Map.of("disabled", false)).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("online");
        patch(client, id, Map.of()).expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("new-name");
    }

    @Test
    void labels_ofTheOperator_surviveThoseTheAgentReports_andFiltersMatchBoth() {
        WebTestClient client = newTenant();
        String id = create(client, "db-1", Map.of("env", "prod"));
        UUID agent = UUID.fromString(id);
        UUID tenant = (UUID) value("SELECT tenant_id FROM agents WHERE id = ?", agent);
        patch(client, id, Map.of("labels", Map.of("env", "prod", "team", "ops"))).expectStatus().isOk();

        // The agent's configuration says env=staging and role=db; its batch must not undo the PATCH.
        AgentSamples.store(dataSource(), tenant, agent, Instant.now(), "db-1", Map.of("env", "staging", "role", "db"));

        client.get().uri("/api/v1/agents/{id}", id).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.labels").isEqualTo(Map.of("env", "prod", "team", "ops"))
                .jsonPath("$.reported_labels").isEqualTo(Map.of("env", "staging", "role", "db"));
        for (String label : List.of("team:ops", "role:db", "env:prod")) {
            client.get().uri("/api/v1/agents?label={label}", label).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.items[*].id").isEqualTo(List.of(id));
        }
        // On a key both have, the operator's value is the one that counts.
        client.get().uri("/api/v1/agents?label=env:staging").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items").isEmpty();
        client.get().uri("/api/v1/agents/stats?label=role:db").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1);
    }

    @Test
    void patch_reenablingANeverSeenAgent_makesItPendingAgain() {
        WebTestClient client = newTenant();
        String id = create(client, "fresh", Map.of());

        patch(client, id, Map.of("disabled", true)).expectStatus().isOk();
        patch(client, id, Map.of("disabled", false)).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("pending");
    }

    @Test
    void patch_refusesTakenNames_unknownAgents_andBadFields() {
        WebTestClient client = newTenant();
        create(client, "taken", Map.of());
        String id = create(client, "mine", Map.of());
        String unknown = UUID.randomUUID().toString();

        expectProblem(patch(client, id, Map.of("name", "taken")), HttpStatus.CONFLICT, "duplicate-name",
                "/api/v1/agents/" + id);
        expectProblem(patch(client, unknown, Map.of("name", "x")), HttpStatus.NOT_FOUND, "not-found",
                "/api/v1/agents/" + unknown);
        expectProblem(patch(client, id, Map.of("disabled", "yes")), HttpStatus.BAD_REQUEST, "invalid-field",
                "/api/v1/agents/" + id);
        expectProblem(client.patch().uri("/api/v1/agents/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": null}").exchange(), HttpStatus.BAD_REQUEST, "invalid-field", "/api/v1/agents/" + id);
        client.get().uri("/api/v1/agents/{id}", id).exchange().expectBody().jsonPath("$.name").isEqualTo("mine");
    }

    @Test
    void delete_removesTheAgentWithCredentialsSeriesAndSamples() {
        WebTestClient client = newTenant();
        String id = create(client, "doomed", Map.of());
        UUID agent = UUID.fromString(id);
        UUID tenant = (UUID) value("SELECT tenant_id FROM agents WHERE id = ?", agent);
        AgentSamples.store(dataSource(), tenant, agent, Instant.now(), "doomed");
        assertThat((Long) value("SELECT count(*) FROM series WHERE agent_id = ?", agent)).isPositive();
        // Read once, so that the api holds the agent's latest values in its cache.
        client.get().uri("/api/v1/agents/{id}/metrics/latest", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items").isNotEmpty();

        client.delete().uri("/api/v1/agents/{id}", id).exchange().expectStatus().isNoContent().expectBody().isEmpty();

        client.get().uri("/api/v1/agents/{id}", id).exchange().expectStatus().isNotFound();
        // The delete notifies like a stored batch, so no api process keeps serving the agent's values.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (client.get().uri("/api/v1/agents/{id}/metrics/latest", id).exchange().returnResult(String.class)
                .getStatus().value() != 404) {
            assertThat(System.nanoTime()).as("latest values of the deleted agent still served").isLessThan(deadline);
        }
        assertThat(value("SELECT count(*) FROM samples_5m WHERE tenant_id = ?", tenant)).isEqualTo(0L);
        assertThat(value("SELECT count(*) FROM agent_credentials WHERE agent_id = ?", agent)).isEqualTo(0L);
        assertThat(value("SELECT count(*) FROM series WHERE agent_id = ?", agent)).isEqualTo(0L);
        assertThat(value("SELECT count(*) FROM series_latest WHERE tenant_id = ?", tenant)).isEqualTo(0L);
        assertThat(value("SELECT count(*) FROM samples WHERE tenant_id = ?", tenant)).isEqualTo(0L);
        expectProblem(client.delete().uri("/api/v1/agents/{id}", id).exchange(), HttpStatus.NOT_FOUND, "not-found",
                "/api/v1/agents/" + id);
    }

    /** A client of a tenant of its own, so that tests do not see each other's agents. */
    private WebTestClient newTenant() {
        IssuedApiKey key = issueKey("tenant-" + UUID.randomUUID());
        return as(key.key());
    }

    private static String create(WebTestClient client, String name, Map<String, String> labels) {
        return (String) client.post().uri("/api/v1/agents").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name, "labels", labels))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody().get("id");
    }

    private static WebTestClient.ResponseSpec patch(WebTestClient client, String id, Map<String, Object> changes) {
        return client.patch().uri("/api/v1/agents/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(changes).exchange();
    }

    private static Map<String, Object> list(WebTestClient client, String query) {
        return client.get().uri("/api/v1/agents?" + query).exchange()
                .expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    private static List<String> names(WebTestClient client, String query) {
        return ((List<?>) list(client, query).get("items")).stream()
                .map(item -> (String) ((Map<?, ?>) item).get("name")).toList();
    }

    private static void expectCreateProblem(WebTestClient client, String body, String slug) {
        expectProblem(client.post().uri("/api/v1/agents").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange(), HttpStatus.BAD_REQUEST, slug, "/api/v1/agents");
    }

    /** As the store marks an agent that delivered a batch received at {@code at}. */
    private void seen(String id, Instant at) {
        execute("UPDATE agents SET last_seen = ?, status = 'online' WHERE id = ?",
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC), UUID.fromString(id));
    }
}
