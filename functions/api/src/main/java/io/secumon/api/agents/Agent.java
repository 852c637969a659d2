package io.secumon.api.agents;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An agent as the api shows it (JSON snake_case: {@code last_seen}, {@code ip_addresses}).
 * Identity fields ({@code hostname} to {@code agent_version}) are what the agent last
 * reported and null until it first delivers; {@code status} is computed, see {@link AgentStatus}.
 * {@code labels} are the operator's (set on creation and with PATCH); {@code reportedLabels}
 * are those the agent's own configuration reports. Label filters match both, the operator's
 * value winning where both have a key.
 */
public record Agent(UUID id, String name, AgentStatus status, String hostname, List<String> ipAddresses,
                    String os, String osVersion, String arch, String agentVersion, Map<String, String> labels,
                    Map<String, String> reportedLabels, Instant lastSeen, Instant createdAt, Instant updatedAt) {
}
