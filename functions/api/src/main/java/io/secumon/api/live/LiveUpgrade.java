package io.secumon.api.live;

import io.secumon.api.changes.AgentKey;
import io.secumon.api.agents.AgentIds;
import io.secumon.api.auth.Tenant;
import io.secumon.api.metrics.KnownAgents;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;

/**
 * {@code GET /ws/metrics/{agentId}}: checks the request as any API request before upgrading
 * it to a WebSocket. Authentication (a filter) has put the tenant on the exchange; a
 * malformed id is 400 and an agent the tenant does not have is 404, answered as plain HTTP
 * problems before any upgrade, so clients see why they cannot connect.
 *
 * <p>The tenant and agent are handed to the session directly: the handshake copies only
 * {@code WebSession} attributes into a WebSocket session, not exchange attributes.
 */
final class LiveUpgrade implements WebHandler {

    static final String PATH = "/ws/metrics/{agentId}";

    private final KnownAgents agents;
    private final WebSocketService handshake;
    private final LiveSession live;

    LiveUpgrade(KnownAgents agents, WebSocketService handshake, LiveSession live) {
        this.agents = Objects.requireNonNull(agents, "agents");
        this.handshake = Objects.requireNonNull(handshake, "handshake");
        this.live = Objects.requireNonNull(live, "live");
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        return Mono.defer(() -> {
            Map<String, String> variables = exchange.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            UUID agent = AgentIds.parse(variables == null ? null : variables.get("agentId"));
            AgentKey key = new AgentKey(Tenant.of(exchange).id(), agent);
            return agents.require(key.tenant(), key.agent())
                    .then(Mono.defer(() -> handshake.handleRequest(exchange, session -> live.run(session, key))));
        });
    }
}
