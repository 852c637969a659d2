package io.secumon.api.changes;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * The api process's one {@code LISTEN secumon_samples} connection: every committed batch
 * notifies {@code <tenant_id>:<agent_id>} on that channel (migration V4), whichever store
 * process wrote it, so live clients get new values without anyone polling.
 *
 * <p>The connection is opened apart from the pool (it is held for ever and must not take a
 * pooled connection from requests). It is checked every {@link #CHECK_EVERY}, because a
 * connection cut without a TCP reset would otherwise look alive while nothing arrives. When
 * it fails or the database restarts, the loss is logged once and the connection reopened
 * with exponential back-off from {@link #FIRST_RETRY} to {@link #MAX_RETRY}; once listening
 * again, {@link #resumed()} fires, because notifications sent meanwhile are lost.
 * Subscribers are live WebSocket feeds and the cache of latest values; anything that
 * trusts the absence of a notification must also check {@link #listening()}.
 */
public final class SampleNotifications implements SmartLifecycle {

    static final String CHANNEL = "secumon_samples";
    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    static final Duration CHECK_EVERY = Duration.ofSeconds(30);
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(SampleNotifications.class);

    private final ConnectionFactory connections;
    private final Sinks.Many<AgentKey> changes = Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<Boolean> resumed = Sinks.many().multicast().directBestEffort();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean listenedBefore;
    private volatile boolean listening;
    private volatile Disposable subscription;

    /** @param connections the application's connection factory; a pool is looked through */
    public SampleNotifications(ConnectionFactory connections) {
        this.connections = unpooled(Objects.requireNonNull(connections, "connections"));
    }

    /** Agents whose samples were stored, as the notifications arrive; hot, never completes. */
    public Flux<AgentKey> changes() {
        return changes.asFlux();
    }

    /**
     * Whether the LISTEN connection is up, as far as this process knows: false before the
     * first LISTEN and from a detected loss until listening again.
     */
    public boolean listening() {
        return listening;
    }

    /** Fires each time listening resumes after a lost connection; hot, never completes. */
    public Flux<Boolean> resumed() {
        return resumed.asFlux();
    }

    @Override
    public synchronized void start() {
        if (subscription == null) {
            subscription = Flux.defer(this::listenOnce)
                    .retryWhen(Retry.from(signals -> signals.concatMap(this::backOff)))
                    .subscribe();
        }
    }

    @Override
    public synchronized void stop() {
        if (subscription != null) {
            listening = false;
            subscription.dispose(); // cancels the usingWhen below, which closes the connection
            subscription = null;
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }

    private Flux<Void> listenOnce() {
        return Flux.usingWhen(Mono.from(connections.create()), this::listen, Connection::close);
    }

    private Flux<Void> listen(Connection connection) {
        if (!(connection instanceof PostgresqlConnection postgres)) {
            return Flux.error(new IllegalStateException("live metrics need r2dbc-postgresql, got "
                    + connection.getClass().getName()));
        }
        // Subscribed to notifications before LISTEN runs, so none can slip in between.
        Flux<Void> notifications = postgres.getNotifications()
                .doOnNext(n -> AgentKey.ofNotification(n.getParameter()).ifPresent(changes::tryEmitNext))
                .thenMany(Flux.<Void>error(() -> new IllegalStateException("the LISTEN connection closed")));
        Flux<Void> listen = postgres.createStatement("LISTEN " + CHANNEL).execute()
                .flatMap(PostgresqlResult::getRowsUpdated)
                .then(Mono.fromRunnable(this::listened))
                .thenMany(Flux.empty());
        Flux<Void> checks = Flux.interval(CHECK_EVERY)
                .concatMap(tick -> Mono.from(postgres.validate(ValidationDepth.REMOTE)).timeout(CHECK_TIMEOUT))
                .concatMap(alive -> alive ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException("the LISTEN connection stopped answering")));
        return Flux.merge(notifications, listen, checks);
    }

    private void listened() {
        failures.set(0);
        listening = true;
        if (listenedBefore) {
            log.info("listening on {} again; refreshing live subscribers and dropping cached latest values", CHANNEL);
            resumed.tryEmitNext(Boolean.TRUE);
        } else {
            log.info("listening on {} for live metrics and the latest-values cache", CHANNEL);
        }
        listenedBefore = true;
    }

    private Mono<Long> backOff(Retry.RetrySignal signal) {
        listening = false;
        int failure = failures.getAndIncrement();
        if (failure == 0) {
            // Logged once per outage: a database down for an hour must not flood the log.
            log.warn("cannot listen on {} ({}): live metrics pause and latest values are read from the database;"
                    + " retrying with back-off up to {}s until it is back",
                    CHANNEL, signal.failure().toString(), MAX_RETRY.toSeconds());
        } else {
            log.debug("listening on {} failed again: {}", CHANNEL, signal.failure().toString());
        }
        long delay = FIRST_RETRY.toMillis() << Math.min(failure, 16);
        return Mono.delay(Duration.ofMillis(Math.min(delay, MAX_RETRY.toMillis())));
    }

    /** The factory underneath a pool, so that the held connection is not one of the pool's. */
    static ConnectionFactory unpooled(ConnectionFactory factory) {
        ConnectionFactory current = factory;
        while (current instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner
                && inner != current) {
            current = inner;
        }
        return current;
    }
}
