package io.secumon.normalize;

import io.secumon.proto.v1.MetricBatch;
import java.util.UUID;

/**
 * A raw batch as the edge published it: the payload plus what the edge vouched for in
 * the headers (tenant and agent from the agent's credentials, the acceptance time).
 */
public record IngestedBatch(UUID tenantId, UUID agentId, long receivedAtUnixMs, MetricBatch batch) {
}
