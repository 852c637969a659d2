package io.secumon.agent.spool;

import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.PushAck;
import java.util.concurrent.CompletableFuture;

/**
 * One stream to the edge as the {@link Shipper} sees it (see
 * {@link io.secumon.agent.ship.PushSession}): {@link #push} returns a future completed by
 * the edge's ack, or failed with the stream's {@link io.grpc.StatusRuntimeException},
 * after which every later push fails too.
 */
public interface PushStream extends AutoCloseable {

    CompletableFuture<PushAck> push(MetricBatch batch);

    /** Ends the stream; may wait for outstanding acks. */
    @Override
    void close();
}
