package io.secumon.api.live;

import io.secumon.api.changes.AgentKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.api.metrics.LatestValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LiveMessagesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T1 = Instant.parse("2026-11-21T08:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-21T08:00:10.500Z");

    @Test
    void seriesKey_isTheMetricAloneWithoutLabels() {
        assertThat(LiveMessages.seriesKey(new LatestValue("cpu.usage_percent", Map.of(), 1, T1)))
                .isEqualTo("cpu.usage_percent");
    }

    @Test
    void seriesKey_appendsLabelsSortedInPrometheusNotation() {
        LatestValue value = new LatestValue("filesystem.used_percent",
                Map.of("type", "ext4", "mount", "/", "device", "/dev/sda1"), 1, T1);

        assertThat(LiveMessages.seriesKey(value))
                .isEqualTo("filesystem.used_percent{device=\"/dev/sda1\",mount=\"/\",type=\"ext4\"}");
    }

    @Test
    void seriesKey_escapesQuotesBackslashesAndLineFeeds() {
        LatestValue value = new LatestValue("service.active", Map.of("unit", "a\"b\\c\nd"), 1, T1);

        assertThat(LiveMessages.seriesKey(value)).isEqualTo("service.active{unit=\"a\\\"b\\\\c\\nd\"}");
    }

    @Test
    void metrics_hasTheSeedShapeWithTheNewestTimestamp() {
        UUID agent = UUID.randomUUID();
        String text = LiveMessages.metrics(agent, List.of(
                new LatestValue("cpu.usage_percent", Map.of(), 15.2, T1),
                new LatestValue("net.tcp_connections", new TreeMap<>(Map.of("state", "established")), 12, T2)));

        JsonNode message = JSON.readTree(text);
        assertThat(message.path("type").asString()).isEqualTo("metrics");
        assertThat(message.path("agent_id").asString()).isEqualTo(agent.toString());
        assertThat(message.path("timestamp").asString()).isEqualTo("2026-11-21T08:00:10.500Z");
        JsonNode cpu = message.path("data").path("cpu.usage_percent");
        assertThat(cpu.path("value").asDouble()).isEqualTo(15.2);
        assertThat(cpu.path("timestamp").asString()).isEqualTo("2026-11-21T08:00:00Z");
        JsonNode tcp = message.path("data").path("net.tcp_connections{state=\"established\"}");
        assertThat(tcp.path("value").asDouble()).isEqualTo(12);
        assertThat(tcp.path("metric").asString()).isEqualTo("net.tcp_connections");
        assertThat(tcp.path("labels").path("state").asString()).isEqualTo("established");
    }

    @Test
    void isPing_recognisesTheApplicationPingOnly() {
        assertThat(LiveMessages.isPing("{\"type\":\"ping\"}")).isTrue();
        assertThat(LiveMessages.isPing(" { \"type\" : \"ping\", \"id\": 3 } ")).isTrue();
        assertThat(LiveMessages.isPing("{\"type\":\"pong\"}")).isFalse();
        assertThat(LiveMessages.isPing("ping")).isFalse();
        assertThat(LiveMessages.isPing("{\"type\":")).isFalse();
        assertThat(LiveMessages.isPing("[\"ping\"]")).isFalse();
        assertThat(LiveMessages.isPing("")).isFalse();
    }

    @Test
    void newerValues_sendsEachValueOnceAndNeverAnOlderOne() {
        NewerValues newer = new NewerValues();
        LatestValue cpuAtT1 = new LatestValue("cpu.usage_percent", Map.of(), 1, T1);
        LatestValue cpuAtT2 = new LatestValue("cpu.usage_percent", Map.of(), 2, T2);
        LatestValue memory = new LatestValue("memory.used_percent", Map.of(), 50, T1);

        assertThat(newer.retain(List.of(cpuAtT2, memory))).containsExactly(cpuAtT2, memory);
        assertThat(newer.retain(List.of(cpuAtT1, memory))).isEmpty();
        assertThat(newer.retain(List.of(cpuAtT2, new LatestValue("memory.used_percent", Map.of(), 51, T2))))
                .extracting(LatestValue::metric).containsExactly("memory.used_percent");
    }

    @Test
    void agentKey_readsNotificationPayloads() {
        UUID tenant = UUID.randomUUID();
        UUID agent = UUID.randomUUID();

        assertThat(AgentKey.ofNotification(tenant + ":" + agent)).contains(new AgentKey(tenant, agent));
        assertThat(AgentKey.ofNotification("garbage")).isEmpty();
        assertThat(AgentKey.ofNotification(tenant + ":x")).isEmpty();
        assertThat(AgentKey.ofNotification(null)).isEmpty();
    }
}
