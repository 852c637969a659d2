package io.secumon.edge.publish;

import java.util.Objects;
import java.util.UUID;

/**
 * A batch that passed validation, ready to publish.
 *
 * @param batchId      the batch's id (UUID text as sent), also the AMQP message id
 * @param tenantId     the tenant of the verified token
 * @param agentId      the agent of the verified token
 * @param receivedAtMs when the edge received the batch, milliseconds since the epoch
 * @param body         the serialised {@code MetricBatch} exactly as received; not copied,
 *                     so callers must not change it after handing it over
 * @param sampleCount  samples in the batch, for metrics
 */
public record AcceptedBatch(String batchId, UUID tenantId, UUID agentId, long receivedAtMs, byte[] body,
                            int sampleCount) {

    public AcceptedBatch {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(body, "body");
    }
}
