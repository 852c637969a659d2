package io.secumon.api.agents;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An agent as the api shows it (JSON snake_case: {@code last_seen}, {@code ip_addresses}).
 * Identity fields ({@code hostname} to {@code agent_version}) are what the agent last
 * reported and null until it first delivers; {@code status} is computed, see {@link AgentStatus}.
 */
public record Agent(UUID id, String name, AgentStatus status, String hostname, List<String> ipAddresses,
                    String os, String osVersion, String arch, String agentVersion, Map<String, String> labels,
                    Instant lastSeen, Instant createdAt, Instant updatedAt) {
}
