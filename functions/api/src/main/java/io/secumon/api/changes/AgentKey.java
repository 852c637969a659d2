package io.secumon.api.changes;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** An agent of a tenant: what live subscriptions and sample notifications are keyed by. */
public record AgentKey(UUID tenant, UUID agent) {

    public AgentKey {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(agent, "agent");
    }

    /**
     * The agent a {@code secumon_samples} notification names: its payload is
     * {@code <tenant_id>:<agent_id>} (migration V4). Empty for anything else.
     */
    public static Optional<AgentKey> ofNotification(String payload) {
        int colon = payload == null ? -1 : payload.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AgentKey(UUID.fromString(payload.substring(0, colon)),
                    UUID.fromString(payload.substring(colon + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
