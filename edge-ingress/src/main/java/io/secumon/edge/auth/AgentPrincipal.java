package io.secumon.edge.auth;

import java.util.Objects;
import java.util.UUID;

/** Who a verified bearer token belongs to: the only identity the edge trusts. */
public record AgentPrincipal(UUID tenantId, UUID agentId) {

    public AgentPrincipal {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(agentId, "agentId");
    }
}
