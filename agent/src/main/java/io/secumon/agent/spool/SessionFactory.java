package io.secumon.agent.spool;

import io.secumon.agent.ship.IngestClient;
import io.secumon.agent.ship.PushSession;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.PushAck;
import java.util.concurrent.CompletableFuture;

/** Opens {@link PushStream}s to the edge; the {@link Shipper} opens a new one after each failure. */
@FunctionalInterface
public interface SessionFactory {

    /** A new stream; connection problems surface as failed push futures or a runtime exception. */
    PushStream open();

    /** Streams over {@code client}, which the caller keeps and closes. */
    static SessionFactory of(IngestClient client) {
        return () -> {
            PushSession session = client.openSession();
            return new PushStream() {
                @Override
                public CompletableFuture<PushAck> push(MetricBatch batch) {
                    return session.push(batch);
                }

                @Override
                public void close() {
                    session.close();
                }
            };
        };
    }
}
