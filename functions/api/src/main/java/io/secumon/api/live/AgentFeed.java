package io.secumon.api.live;

import io.secumon.api.changes.AgentKey;
import io.secumon.api.metrics.LatestValue;
import io.secumon.api.metrics.LatestValues;
import io.secumon.api.metrics.MetricFilter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The live values of one agent, shared by every WebSocket session watching it: on each
 * {@link #refresh()} (a batch of the agent was stored) the agent's latest values are read
 * once and offered to all sessions.
 *
 * <p>Refreshes that arrive while a read is running collapse into one more read, so a burst
 * of batches costs two queries, not one per batch. Every emission is the agent's complete
 * set of latest values: a session that misses one (too slow to take it) loses nothing the
 * next one does not carry, and each session sends only what is new to it
 * ({@link NewerValues}).
 */
final class AgentFeed {

    private static final Logger log = LoggerFactory.getLogger(AgentFeed.class);

    private final AgentKey key;
    private final Sinks.Many<Boolean> refreshes = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Many<List<LatestValue>> values = Sinks.many().multicast().directBestEffort();
    private final Disposable reading;
    private int users; // guarded by LiveFeeds, which changes it inside ConcurrentHashMap.compute

    AgentFeed(AgentKey key, LatestValues latest) {
        this.key = key;
        this.reading = refreshes.asFlux()
                .onBackpressureLatest()
                .concatMap(refresh -> latest.of(key.tenant(), key.agent(), MetricFilter.all()).collectList()
                        .onErrorResume(e -> {
                            log.warn("reading the latest values of agent {} failed: {}", key.agent(), e.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe(values::tryEmitNext);
    }

    AgentKey key() {
        return key;
    }

    /** The agent's latest values after each refresh; hot. */
    Flux<List<LatestValue>> values() {
        return values.asFlux();
    }

    /** Reads the agent's latest values again (soon, once, however often it is called). */
    synchronized void refresh() {
        refreshes.tryEmitNext(Boolean.TRUE); // synchronized: notifications and reconnects call from different threads
    }

    AgentFeed retain() {
        users++;
        return this;
    }

    /** Returns true when this was the last user, after which the feed is closed. */
    boolean release() {
        if (--users > 0) {
            return false;
        }
        reading.dispose();
        values.tryEmitComplete();
        return true;
    }
}
