package io.secumon.api.live;

import io.secumon.api.changes.AgentKey;
import io.secumon.api.changes.SampleNotifications;
import io.secumon.api.metrics.LatestValues;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The agents someone is watching live, each with its {@link AgentFeed}, and the routing of
 * sample notifications to them. A feed exists while at least one session uses it: sessions
 * {@link #acquire} it when they open and {@link #release} it when they close, so
 * notifications for agents nobody watches cost a map lookup and nothing else.
 *
 * <p>When the process stops, {@link #stopping()} tells every session to close with "going
 * away" (1001), so that clients reconnect to another instance at once. This lifecycle stops
 * before the web server's graceful shutdown, which would otherwise wait for these
 * never-ending exchanges until its timeout.
 */
public final class LiveFeeds implements SmartLifecycle, AutoCloseable {

    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Map<AgentKey, AgentFeed> feeds = new ConcurrentHashMap<>();
    private final LatestValues latest;
    private final Disposable subscriptions;
    private final Sinks.Empty<Void> stopping = Sinks.empty();
    private volatile boolean running;

    public LiveFeeds(SampleNotifications notifications, LatestValues latest) {
        this.latest = Objects.requireNonNull(latest, "latest");
        this.subscriptions = Disposables.composite(
                notifications.changes().subscribe(key -> {
                    AgentFeed feed = feeds.get(key);
                    if (feed != null) {
                        feed.refresh();
                    }
                }),
                // Notifications sent while the LISTEN connection was down are lost: read everything watched.
                notifications.resumed().subscribe(resumed -> feeds.values().forEach(AgentFeed::refresh)));
    }

    /** The feed of {@code key}, opened on first use; every call must be paired with {@link #release}. */
    AgentFeed acquire(AgentKey key) {
        return feeds.compute(key, (k, feed) -> (feed == null ? new AgentFeed(k, latest) : feed).retain());
    }

    /** Gives the feed back; the last user closes it. */
    void release(AgentFeed feed) {
        feeds.computeIfPresent(feed.key(), (k, current) -> current.release() ? null : current);
    }

    /** Completes when the process begins to stop. */
    Mono<Void> stopping() {
        return stopping.asMono();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stopping.tryEmitEmpty();
    }

    /**
     * Tells sessions to close, and reports stopped once they all have (at most
     * {@link #CLOSE_TIMEOUT} later): the web server stops next and would cut connections
     * whose close frame is not written yet, which clients see as an abnormal closure (1006).
     */
    @Override
    public void stop(Runnable callback) {
        stop();
        Flux.interval(Duration.ZERO, Duration.ofMillis(10))
                .filter(tick -> feeds.isEmpty())
                .next()
                .timeout(CLOSE_TIMEOUT, Mono.empty())
                .doFinally(signal -> callback.run())
                .subscribe();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** How many agents are watched (for tests and diagnostics). */
    int watched() {
        return feeds.size();
    }

    @Override
    public void close() {
        subscriptions.dispose();
    }
}
