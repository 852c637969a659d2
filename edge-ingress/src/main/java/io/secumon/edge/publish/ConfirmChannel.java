package io.secumon.edge.publish;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ShutdownSignalException;
import io.secumon.edge.publish.PublishException.Reason;
import io.secumon.pipeline.topology.Destinations;
import io.secumon.pipeline.topology.Headers;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One AMQP channel in confirm mode for its whole life, with the futures of its unconfirmed
 * publishes keyed by delivery tag. A closed channel is never reopened: the publisher opens
 * a new {@code ConfirmChannel}, whose tags start again at 1, so tags never mix.
 */
final class ConfirmChannel {

    private record Pending(String batchId, CompletableFuture<Void> future, long deadlineNanos) {
    }

    private final Channel channel;
    private final String exchange;
    private final ConcurrentNavigableMap<Long, Pending> outstanding = new ConcurrentSkipListMap<>();
    /** basicPublish and getNextPublishSeqNo must pair up atomically. */
    private final ReentrantLock publishLock = new ReentrantLock();
    private volatile boolean abandoned;

    private ConfirmChannel(Channel channel, String exchange) {
        this.channel = channel;
        this.exchange = exchange;
    }

    /**
     * Opens a channel on {@code connection}, declares the topic exchange (durable, as the
     * Spring Cloud Stream binder declares it, so either side may come first) and enables
     * publisher confirms.
     */
    static ConfirmChannel open(Connection connection, String exchange) throws IOException {
        Channel channel = connection.createChannel();
        if (channel == null) {
            throw new IOException("RabbitMQ has no channel left on this connection");
        }
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true, false, null);
        channel.confirmSelect();
        ConfirmChannel confirms = new ConfirmChannel(channel, exchange);
        channel.addConfirmListener(confirms::acked, confirms::nacked);
        channel.addReturnListener(confirms::returned);
        channel.addShutdownListener(confirms::closed);
        return confirms;
    }

    boolean usable() {
        return !abandoned && channel.isOpen();
    }

    CompletableFuture<Void> publish(AcceptedBatch batch, long timeoutNanos) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        publishLock.lock();
        try {
            long tag = channel.getNextPublishSeqNo();
            // Registered before publishing: the confirm may arrive before basicPublish returns.
            outstanding.put(tag, new Pending(batch.batchId(), future, System.nanoTime() + timeoutNanos));
            try {
                channel.basicPublish(exchange, Destinations.INGEST, true, properties(batch), batch.body());
            } catch (IOException | AlreadyClosedException e) {
                outstanding.remove(tag);
                future.completeExceptionally(new PublishException(Reason.BROKER_UNAVAILABLE,
                        "cannot publish to RabbitMQ: " + e.getMessage(), e));
            }
        } finally {
            publishLock.unlock();
        }
        return future;
    }

    /** Fails everything outstanding and retires this channel if its oldest publish is overdue. */
    void expire(long nowNanos) {
        var oldest = outstanding.firstEntry();
        if (oldest == null || oldest.getValue().deadlineNanos() - nowNanos > 0) {
            return;
        }
        // A confirm this late means the channel cannot be trusted any more: the publisher
        // replaces it on the next publish.
        abandoned = true;
        failAll(Reason.TIMEOUT, "RabbitMQ did not confirm batch " + oldest.getValue().batchId() + " in time", null);
        Thread.ofVirtual().start(() -> {
            try {
                channel.abort();
            } catch (IOException | RuntimeException e) {
                // Already closing: nothing left to release.
            }
        });
    }

    private static AMQP.BasicProperties properties(AcceptedBatch batch) {
        return new AMQP.BasicProperties.Builder()
                .contentType(Headers.CONTENT_TYPE)
                .deliveryMode(2)
                .messageId(batch.batchId())
                .timestamp(new Date(batch.receivedAtMs()))
                .appId("secumon-edge-ingress")
                .headers(Map.of(
                        Headers.TENANT, batch.tenantId().toString(),
                        Headers.AGENT, batch.agentId().toString(),
                        Headers.BATCH, batch.batchId(),
                        Headers.RECEIVED_AT, batch.receivedAtMs()))
                .build();
    }

    private void acked(long tag, boolean multiple) {
        settle(tag, multiple, null);
    }

    private void nacked(long tag, boolean multiple) {
        settle(tag, multiple, Reason.NACK);
    }

    private void settle(long tag, boolean multiple, Reason failure) {
        Iterable<Long> tags = multiple ? outstanding.headMap(tag, true).keySet() : List.of(tag);
        for (Long each : tags) {
            // remove() decides the race with a timeout or shutdown: whoever removes, completes.
            Pending pending = outstanding.remove(each);
            if (pending == null) {
                continue;
            }
            if (failure == null) {
                pending.future().complete(null);
            } else {
                pending.future().completeExceptionally(new PublishException(failure,
                        "RabbitMQ refused batch " + pending.batchId() + " (nack)", null));
            }
        }
    }

    /**
     * A mandatory publish found no queue. RabbitMQ sends basic.return before the ack of the
     * same message, so the pending entry is still here: the oldest with this batch id.
     */
    private void returned(Return returned) {
        String batchId = returned.getProperties().getMessageId();
        for (var entry : outstanding.entrySet()) {
            if (entry.getValue().batchId().equals(batchId) && outstanding.remove(entry.getKey(), entry.getValue())) {
                entry.getValue().future().completeExceptionally(new PublishException(Reason.NO_ROUTE,
                        "no queue is bound to exchange " + exchange + " (" + returned.getReplyText()
                                + "): batch " + batchId + " was not stored; is normalize deployed?", null));
                return;
            }
        }
    }

    private void closed(ShutdownSignalException cause) {
        failAll(Reason.BROKER_UNAVAILABLE, "RabbitMQ connection or channel closed: " + cause.getMessage(), cause);
    }

    private void failAll(Reason reason, String message, Throwable cause) {
        for (Long tag : outstanding.keySet()) {
            Pending pending = outstanding.remove(tag);
            if (pending != null) {
                pending.future().completeExceptionally(new PublishException(reason, message, cause));
            }
        }
    }
}
