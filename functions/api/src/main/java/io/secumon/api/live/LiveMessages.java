package io.secumon.api.live;

import io.secumon.api.metrics.LatestValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The text messages of the live metrics WebSocket.
 *
 * <p>Server to client:
 * <pre>
 * {"type": "metrics", "agent_id": "...", "timestamp": "2026-11-21T08:00:00Z",
 *  "data": {"cpu.usage_percent": {"value": 15.2, "timestamp": "2026-11-21T08:00:00Z",
 *                                 "metric": "cpu.usage_percent", "labels": {}},
 *           "filesystem.used_percent{device=\"/dev/sda1\",mount=\"/\",type=\"ext4\"}": {...}}}
 * {"type": "pong"}
 * </pre>
 * A {@code data} key is the metric name, followed for a labelled series by its labels in
 * Prometheus notation: {@code {name="value",...}}, names sorted, {@code \}, {@code "} and
 * line feeds in values escaped with a backslash. So the key is unique per series and stable
 * across messages; {@code metric} and {@code labels} repeat it in parsed form. The message
 * {@code timestamp} is that of its newest value. The first message after connecting holds
 * every series of the agent; later ones only series with a newer value.
 *
 * <p>Client to server: {@code {"type": "ping"}}, answered by {@code {"type": "pong"}} (for
 * clients that cannot send WebSocket ping frames); anything else is ignored.
 */
final class LiveMessages {

    static final String PONG = "{\"type\":\"pong\"}";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LiveMessages() {
    }

    /** A {@code metrics} message carrying {@code values} (not empty). */
    static String metrics(UUID agent, List<LatestValue> values) {
        Map<String, Object> data = new LinkedHashMap<>();
        Instant newest = Instant.MIN;
        for (LatestValue value : values) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("value", value.value());
            entry.put("timestamp", value.timestamp().toString());
            entry.put("metric", value.metric());
            entry.put("labels", value.labels());
            data.put(seriesKey(value), entry);
            if (value.timestamp().isAfter(newest)) {
                newest = value.timestamp();
            }
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "metrics");
        message.put("agent_id", agent.toString());
        message.put("timestamp", newest.toString());
        message.put("data", data);
        return JSON.writeValueAsString(message);
    }

    /** Whether a client's text message is an application-level ping. */
    static boolean isPing(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            return message != null && message.isObject() && "ping".equals(message.path("type").asString(null));
        } catch (JacksonException e) {
            return false;
        }
    }

    /** {@code metric} or {@code metric{name="value",...}}, labels sorted by name. */
    static String seriesKey(LatestValue value) {
        if (value.labels().isEmpty()) {
            return value.metric();
        }
        StringBuilder key = new StringBuilder(value.metric()).append('{');
        value.labels().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(label -> {
            if (key.charAt(key.length() - 1) != '{') {
                key.append(',');
            }
            key.append(label.getKey()).append("=\"");
            String text = label.getValue();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\\' -> key.append("\\\\");
                    case '"' -> key.append("\\\"");
                    case '\n' -> key.append("\\n");
                    default -> key.append(c);
                }
            }
            key.append('"');
        });
        return key.append('}').toString();
    }
}
