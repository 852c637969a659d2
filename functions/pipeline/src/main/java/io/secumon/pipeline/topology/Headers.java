package io.secumon.pipeline.topology;

/**
 * Message headers the edge sets on every {@code ingest} message. The tenant and agent come
 * from the agent's verified credentials, never from the payload, so downstream functions
 * trust them.
 */
public final class Headers {

    /** Tenant id (UUID text) owning the agent. */
    public static final String TENANT = "secumon-tenant";
    /** Agent id (UUID text) that pushed the batch. */
    public static final String AGENT = "secumon-agent";
    /** The batch's id (UUID text), also the AMQP message id. */
    public static final String BATCH = "secumon-batch";
    /** When the edge accepted the batch, milliseconds since the Unix epoch. */
    public static final String RECEIVED_AT = "secumon-received-at";

    /** Content type of every pipeline message: a serialised protobuf of the destination's type. */
    public static final String CONTENT_TYPE = "application/octet-stream";

    private Headers() {
    }
}
