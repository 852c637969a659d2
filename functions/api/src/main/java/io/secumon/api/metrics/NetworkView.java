package io.secumon.api.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The network dashboard of an agent: traffic, packet, error and drop rates per interface,
 * and TCP connections by state, from the latest values of its most recent collection (see
 * {@link CurrentValues}).
 *
 * <p>An interface entry is {@code {interface, received_bytes_per_second,
 * sent_bytes_per_second, ..., timestamp}}: one field per {@code net.*} metric labelled with
 * the interface, named without the {@code net.} prefix.
 */
public record NetworkView(@JsonProperty("agent_id") UUID agentId, List<Map<String, Object>> interfaces,
                          Tcp tcp) {

    static final String TCP_CONNECTIONS = "net.tcp_connections";

    /** The metrics the view reads. */
    static final MetricFilter METRICS = MetricFilter.prefixes("net.");

    /**
     * TCP sockets (IPv4 and IPv6) by state, every state the agent reports (zeros included).
     *
     * @param states    count per lower-case state ({@code established}, {@code time_wait}, ...)
     * @param total     all sockets
     * @param timestamp when they were counted; null when the agent sent no counts
     */
    public record Tcp(Map<String, Long> states, long total, Instant timestamp) {
    }

    static NetworkView of(UUID agent, List<LatestValue> latest) {
        CurrentValues interfaces = CurrentValues.of(latest,
                v -> v.metric().startsWith("net.") && v.labels().containsKey("interface"));
        CurrentValues tcp = CurrentValues.of(latest, v -> v.metric().equals(TCP_CONNECTIONS));
        Map<String, Long> states = tcp.countsBy("state");
        return new NetworkView(agent, interfaces.groupBy("net.", "interface"),
                new Tcp(states, states.values().stream().mapToLong(Long::longValue).sum(), tcp.timestamp()));
    }
}
