package io.secumon.edge.publish;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.secumon.edge.publish.PublishException.Reason;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes batches to the {@code <prefix>ingest} topic exchange with publisher confirms,
 * mandatory routing and persistent delivery, over a few confirm channels used in turn (one
 * channel serialises its publishes; confirms are asynchronous, so a few channels carry
 * thousands of batches per second).
 *
 * <p>The Java client's automatic recovery is off on purpose: after a failure the futures of
 * unconfirmed publishes fail (the agents resend), and the next publish reconnects. Nothing
 * is replayed behind the agents' backs.
 */
public final class RabbitBatchPublisher implements BatchPublisher, AutoCloseable {

    private static final int CHANNELS = 4;
    private static final Logger log = LoggerFactory.getLogger(RabbitBatchPublisher.class);

    private final ConnectionFactory factory;
    private final String exchange;
    private final long timeoutNanos;
    private final AtomicReferenceArray<ConfirmChannel> channels = new AtomicReferenceArray<>(CHANNELS);
    private final AtomicInteger next = new AtomicInteger();
    private final ScheduledExecutorService timeouts;
    private Connection connection; // guarded by this

    /**
     * @param uri            AMQP(S) URI with credentials and vhost
     * @param exchange       the topic exchange to publish to (declared on connect)
     * @param confirmTimeout how long a publish waits for its confirm before failing
     */
    public RabbitBatchPublisher(URI uri, String exchange, Duration confirmTimeout) {
        this.factory = connectionFactory(uri, confirmTimeout);
        this.exchange = exchange;
        this.timeoutNanos = confirmTimeout.toNanos();
        this.timeouts = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("edge-confirm-timeouts").daemon().factory());
        long period = Math.clamp(confirmTimeout.toMillis() / 4, 20, 1000);
        timeouts.scheduleAtFixedRate(this::expireOverdue, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Connects now rather than on the first publish, to report a broker problem at start.
     *
     * @return false when the broker is unreachable (logged; publishes will try again)
     */
    public boolean connect() {
        try {
            channel(0);
            return true;
        } catch (IOException | TimeoutException e) {
            log.warn("RabbitMQ unreachable at start ({}); will reconnect on the first publish", e.toString());
            return false;
        }
    }

    @Override
    public CompletableFuture<Void> publish(AcceptedBatch batch) {
        try {
            return channel(Math.floorMod(next.getAndIncrement(), CHANNELS)).publish(batch, timeoutNanos);
        } catch (IOException | TimeoutException | RuntimeException e) {
            return CompletableFuture.failedFuture(new PublishException(Reason.BROKER_UNAVAILABLE,
                    "RabbitMQ unreachable: " + e.getMessage(), e));
        }
    }

    private ConfirmChannel channel(int slot) throws IOException, TimeoutException {
        ConfirmChannel current = channels.get(slot);
        if (current != null && current.usable()) {
            return current;
        }
        synchronized (this) {
            current = channels.get(slot);
            if (current != null && current.usable()) {
                return current;
            }
            if (connection == null || !connection.isOpen()) {
                connection = factory.newConnection("secumon-edge-ingress");
                log.info("connected to RabbitMQ at {}:{}, publishing to exchange {}",
                        factory.getHost(), factory.getPort(), exchange);
            }
            ConfirmChannel fresh = ConfirmChannel.open(connection, exchange);
            channels.set(slot, fresh);
            return fresh;
        }
    }

    private void expireOverdue() {
        long now = System.nanoTime();
        for (int i = 0; i < CHANNELS; i++) {
            ConfirmChannel channel = channels.get(i);
            if (channel != null) {
                channel.expire(now);
            }
        }
    }

    /** Closes the connection; publishes still unconfirmed fail as BROKER_UNAVAILABLE. */
    @Override
    public synchronized void close() {
        timeouts.shutdownNow();
        if (connection != null && connection.isOpen()) {
            try {
                connection.close((int) Math.min(Integer.MAX_VALUE, timeoutNanos / 1_000_000));
            } catch (IOException | RuntimeException e) {
                log.debug("closing the RabbitMQ connection failed", e);
            }
        }
    }

    private static ConnectionFactory connectionFactory(URI uri, Duration timeout) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
            if ("amqps".equalsIgnoreCase(uri.getScheme())) {
                // setUri alone would trust any certificate; verify against the JDK trust store.
                factory.useSslProtocol(SSLContext.getDefault());
                factory.enableHostnameVerification();
            }
        } catch (GeneralSecurityException | java.net.URISyntaxException e) {
            throw new IllegalArgumentException("unusable RabbitMQ URI: " + e.getMessage(), e);
        }
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        factory.setConnectionTimeout(millis);
        factory.setHandshakeTimeout(millis);
        factory.setChannelRpcTimeout(millis);
        return factory;
    }
}
