package io.secumon.api.agents;

/** How many of a tenant's agents are in each status. */
public record AgentStats(long total, long online, long offline, long pending, long disabled) {
}
