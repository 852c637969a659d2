package io.secumon.api.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.secumon.api.ApiApplication;
import io.secumon.api.metrics.MetricsTestData;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.socket.WebSocketMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live metrics through the running api: a real WebSocket client, authenticated with an API
 * key, watching an agent while the real store function writes its batches.
 */
@SpringBootTest(classes = ApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "secumon.api.ws-ping-interval=300ms")
@DirtiesContext // its LISTEN connection and pool must not outlive this class's database
class LiveMetricsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PUSH_DEADLINE = Duration.ofSeconds(2);

    private static final MetricsTestData data = MetricsTestData.create();
    private static final MetricsTestData.Enrolled acme = data.enrol();
    private static final MetricsTestData.Enrolled other = data.enrol();

    @TestConfiguration(proxyBeanMethods = false)
    static class DropDatabaseAfterwards {
        /** Dropped when the context closes, after the api let go of its connections. */
        @Bean(destroyMethod = "close")
        MetricsTestData liveTestData() {
            return data;
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        data.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    LiveFeeds feeds;

    private URI uri(UUID agent) {
        return URI.create("ws://localhost:" + port + "/ws/metrics/" + agent);
    }

    private static HttpHeaders bearer(String key) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(key);
        return headers;
    }

    private LiveClient watch(UUID agent) {
        return LiveClient.connect(uri(agent), bearer(acme.apiKey()));
    }

    private UUID agentWithCpu(double value, Instant at) {
        UUID agent = data.addAgent(acme.tenant());
        data.writeGauge(acme.tenant(), agent, "cpu.usage_percent", value, at);
        return agent;
    }

    private static JsonNode json(LiveClient.Received message) {
        assertThat(message).as("a message within the deadline").isNotNull();
        return JSON.readTree(message.text());
    }

    @Test
    void connect_sendsTheAgentsLatestValuesFirst() throws Exception {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID agent = data.addAgent(acme.tenant());
        data.write(MetricsTestData.batch(acme.tenant(), agent)
                .gauge("cpu.usage_percent", 15.2, at)
                .gauge("filesystem.used_percent", Map.of("mount", "/", "device", "/dev/sda1", "type", "ext4"), 40, at)
                .build());

        try (LiveClient client = watch(agent)) {
            JsonNode message = json(client.nextText(Duration.ofSeconds(5)));

            assertThat(message.path("type").asString()).isEqualTo("metrics");
            assertThat(message.path("agent_id").asString()).isEqualTo(agent.toString());
            assertThat(message.path("timestamp").asString()).isEqualTo(at.toString());
            assertThat(message.path("data").propertyNames())
                    .containsExactlyInAnyOrder("cpu.usage_percent",
                            "filesystem.used_percent{device=\"/dev/sda1\",mount=\"/\",type=\"ext4\"}");
            assertThat(message.path("data").path("cpu.usage_percent").path("value").asDouble()).isEqualTo(15.2);
            assertThat(message.path("data").path("cpu.usage_percent").path("timestamp").asString())
                    .isEqualTo(at.toString());
        }
    }

    @Test
    void storedBatch_reachesTheClientWithinTwoSecondsWithOnlyWhatChanged() throws Exception {
        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(10);
        UUID agent = data.addAgent(acme.tenant());
        data.write(MetricsTestData.batch(acme.tenant(), agent)
                .gauge("cpu.usage_percent", 10, first)
                .gauge("memory.used_percent", 50, first)
                .build());

        try (LiveClient client = watch(agent)) {
            json(client.nextText(Duration.ofSeconds(5))); // the snapshot
            Instant second = first.plusSeconds(10);

            data.writeGauge(acme.tenant(), agent, "cpu.usage_percent", 20.5, second);
            JsonNode update = json(client.nextText(PUSH_DEADLINE));

            assertThat(update.path("type").asString()).isEqualTo("metrics");
            assertThat(update.path("agent_id").asString()).isEqualTo(agent.toString());
            assertThat(update.path("timestamp").asString()).isEqualTo(second.toString());
            assertThat(update.path("data").propertyNames()).containsExactly("cpu.usage_percent");
            JsonNode cpu = update.path("data").path("cpu.usage_percent");
            assertThat(cpu.path("value").asDouble()).isEqualTo(20.5);
            assertThat(cpu.path("timestamp").asString()).isEqualTo(second.toString());
            assertThat(cpu.path("metric").asString()).isEqualTo("cpu.usage_percent");
        }
    }

    @Test
    void batchesOfOtherAgents_areNotSent() throws Exception {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID watched = agentWithCpu(1, at);
        UUID unwatched = agentWithCpu(2, at);

        try (LiveClient client = watch(watched)) {
            json(client.nextText(Duration.ofSeconds(5)));
            data.writeGauge(acme.tenant(), unwatched, "cpu.usage_percent", 3, at.plusSeconds(1));
            data.writeGauge(acme.tenant(), watched, "cpu.usage_percent", 4, at.plusSeconds(1));

            JsonNode update = json(client.nextText(PUSH_DEADLINE));
            assertThat(update.path("agent_id").asString()).isEqualTo(watched.toString());
            assertThat(update.path("data").path("cpu.usage_percent").path("value").asDouble()).isEqualTo(4);
        }
    }

    @Test
    void applicationPing_isAnsweredWithPong() throws Exception {
        UUID agent = agentWithCpu(1, Instant.now());
        try (LiveClient client = watch(agent)) {
            json(client.nextText(Duration.ofSeconds(5)));

            client.sendText("{\"type\":\"ping\"}");

            assertThat(json(client.nextText(Duration.ofSeconds(2))).path("type").asString()).isEqualTo("pong");
        }
    }

    @Test
    void pingFrame_isAnsweredWithPongFrame() throws Exception {
        UUID agent = agentWithCpu(1, Instant.now());
        try (LiveClient client = watch(agent)) {
            client.sendPing();

            LiveClient.Received pong = client.next(Duration.ofSeconds(2), m -> m.type() == WebSocketMessage.Type.PONG);
            assertThat(pong).isNotNull();
            assertThat(pong.text().getBytes()).containsExactly(1, 2, 3); // a pong echoes the ping's data
        }
    }

    @Test
    void server_pingsEveryConfiguredInterval() throws Exception {
        UUID agent = agentWithCpu(1, Instant.now());
        try (LiveClient client = watch(agent)) {
            long start = System.nanoTime();
            assertThat(client.next(Duration.ofSeconds(2), m -> m.type() == WebSocketMessage.Type.PING)).isNotNull();
            assertThat(client.next(Duration.ofSeconds(2), m -> m.type() == WebSocketMessage.Type.PING)).isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(550));
        }
    }

    @Test
    void apiKey_mayComeAsQueryParameterOnWebSockets() throws Exception {
        UUID agent = agentWithCpu(7, Instant.now());
        URI withKey = URI.create(uri(agent) + "?api_key=" + acme.apiKey());

        try (LiveClient client = LiveClient.connect(withKey, new HttpHeaders())) {
            assertThat(json(client.nextText(Duration.ofSeconds(5))).path("data").path("cpu.usage_percent")
                    .path("value").asDouble()).isEqualTo(7);
        }
    }

    @Test
    void upgrade_isRefusedForAgentsTheTenantDoesNotHave() {
        assertHandshakeStatus(uri(UUID.randomUUID()), bearer(acme.apiKey()), 404);
        assertHandshakeStatus(uri(other.agent()), bearer(acme.apiKey()), 404);
        assertHandshakeStatus(URI.create("ws://localhost:" + port + "/ws/metrics/not-a-uuid"), bearer(acme.apiKey()),
                400);
        assertHandshakeStatus(uri(acme.agent()), new HttpHeaders(), 401);
        assertHandshakeStatus(uri(acme.agent()), bearer("smk_unknown"), 401);
    }

    private static void assertHandshakeStatus(URI uri, HttpHeaders headers, int status) {
        assertThatThrownBy(() -> LiveClient.connect(uri, headers))
                .isInstanceOfSatisfying(WebSocketClientHandshakeException.class,
                        e -> assertThat(e.response().status().code()).as(uri.toString()).isEqualTo(status));
    }

    @Test
    void closedSessions_stopWatching() throws Exception {
        UUID agent = agentWithCpu(1, Instant.now());
        int before = feeds.watched();
        LiveClient first = watch(agent);
        LiveClient second = watch(agent);
        json(first.nextText(Duration.ofSeconds(5)));
        json(second.nextText(Duration.ofSeconds(5)));
        assertThat(feeds.watched()).isEqualTo(before + 1); // one feed shared by both sessions

        first.close();
        data.writeGauge(acme.tenant(), agent, "cpu.usage_percent", 2, Instant.now());
        assertThat(json(second.nextText(PUSH_DEADLINE)).path("data").path("cpu.usage_percent").path("value")
                .asDouble()).isEqualTo(2);

        second.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (feeds.watched() != before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(feeds.watched()).isEqualTo(before);
    }

    @Test
    void lostListenConnection_isReopenedAndWhatWasMissedIsSent() throws Exception {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID agent = agentWithCpu(1, at);
        try (LiveClient client = watch(agent)) {
            json(client.nextText(Duration.ofSeconds(5)));

            // As a database restart or failover would: the server ends the listening session.
            data.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND query = 'LISTEN secumon_samples'");
            data.writeGauge(acme.tenant(), agent, "cpu.usage_percent", 2, at.plusSeconds(1));

            // Its notification was lost with the connection; the refresh after reconnecting sends it.
            JsonNode missed = json(client.nextText(Duration.ofSeconds(10)));
            assertThat(missed.path("data").path("cpu.usage_percent").path("value").asDouble()).isEqualTo(2);

            data.writeGauge(acme.tenant(), agent, "cpu.usage_percent", 3, at.plusSeconds(2));
            JsonNode next = json(client.nextText(PUSH_DEADLINE));
            assertThat(next.path("data").path("cpu.usage_percent").path("value").asDouble()).isEqualTo(3);
        }
    }
}
