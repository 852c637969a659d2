package io.secumon.api.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.secumon.api.changes.AgentKey;
import io.secumon.api.changes.SampleNotifications;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The latest values of the agents people are looking at, kept in memory and brought up to
 * date when the agent's next batch is stored: dashboards ask for an agent's current state far
 * more often than the agent reports (a refresh every few seconds against a batch every
 * 10-60 s), and the answer changes only when a batch is stored. Like Zabbix's value cache, it
 * takes the most frequent query off the database and answers it without waiting for a
 * connection.
 *
 * <p>Correctness rests on the {@code secumon_samples} notification every stored batch (and
 * an agent's deletion) sends, whichever process stored it. On one, the agent's entry is read
 * again from the database in the background; requests meanwhile get the entry as it was, as
 * if they had come a moment earlier. If that read fails, the entry is dropped. An entry is
 * served only while {@link SampleNotifications#listening()}, everything is dropped when
 * listening resumes (notifications sent meanwhile are lost), and no entry outlives
 * {@code ttl}: a backstop should the connection die without the process noticing.
 *
 * <p>A read that raced with a notification (begun before the batch committed, finished after
 * the notification) is not kept: each notification bumps a stamp of the agent's stripe, and
 * a result is kept only if its stripe's stamp did not move during the read; otherwise the
 * entry is dropped, and the next request reads the database.
 *
 * <p>Entries hold every series of an agent; a metric filter is applied in memory.
 */
public final class LatestCache implements AutoCloseable {

    /** Agents whose latest values are kept at most; the least recently used go first. */
    static final long MAX_AGENTS = 10_000;
    private static final int STRIPES = 1024;

    private final LatestValues database;
    private final SampleNotifications notifications;
    private final Cache<AgentKey, List<LatestValue>> entries;
    private final AtomicLongArray stamps = new AtomicLongArray(STRIPES);
    private final Disposable invalidations;

    /**
     * @param ttl how long an entry may be served at most; zero turns the cache off (every
     *            call reads the database)
     */
    public LatestCache(LatestValues database, SampleNotifications notifications, Duration ttl) {
        this.database = Objects.requireNonNull(database, "database");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.entries = ttl.isZero() ? null : Caffeine.newBuilder()
                .maximumSize(MAX_AGENTS)
                .expireAfterWrite(ttl)
                .build();
        this.invalidations = entries == null ? null : Flux.merge(
                        notifications.changes().doOnNext(this::changed),
                        notifications.resumed().doOnNext(resumed -> invalidateAll()))
                .subscribe();
    }

    /**
     * The latest value of every series of {@code agent} that {@code filter} admits, ordered by
     * metric then labels; empty for an unknown agent or one of another tenant.
     */
    public Mono<List<LatestValue>> of(UUID tenant, UUID agent, MetricFilter filter) {
        if (entries == null || !notifications.listening()) {
            return database.of(tenant, agent, filter).collectList();
        }
        AgentKey key = new AgentKey(tenant, agent);
        List<LatestValue> cached = entries.getIfPresent(key);
        if (cached != null) {
            return Mono.just(filtered(cached, filter));
        }
        int stripe = stripe(key);
        long stamp = stamps.get(stripe);
        return database.of(tenant, agent, MetricFilter.all()).collectList()
                .doOnNext(values -> keep(key, stripe, stamp, values))
                .map(values -> filtered(values, filter));
    }

    /** {@code key}'s agent has new values: read them again if the agent is cached. */
    void changed(AgentKey key) {
        int stripe = stripe(key);
        long stamp;
        synchronized (this) { // with keep: an entry put after this check has seen the new stamp
            stamp = stamps.incrementAndGet(stripe);
            if (entries.getIfPresent(key) == null) {
                return;
            }
        }
        database.of(key.tenant(), key.agent(), MetricFilter.all()).collectList()
                .subscribe(values -> keep(key, stripe, stamp, values), failure -> entries.invalidate(key));
    }

    private synchronized void invalidateAll() {
        for (int i = 0; i < STRIPES; i++) {
            stamps.incrementAndGet(i);
        }
        entries.invalidateAll();
    }

    // Synchronized: the stamp check and what follows are one step, so a notification's
    // stamp cannot move in between. A stamp that moved means a change this read may predate
    // (or another agent's, sharing the stripe): the entry is dropped rather than risk it.
    private synchronized void keep(AgentKey key, int stripe, long stamp, List<LatestValue> values) {
        if (stamps.get(stripe) == stamp && notifications.listening()) {
            entries.put(key, List.copyOf(values));
        } else {
            entries.invalidate(key);
        }
    }

    private static List<LatestValue> filtered(List<LatestValue> values, MetricFilter filter) {
        if (filter.equals(MetricFilter.all())) {
            return values;
        }
        return values.stream().filter(value -> filter.matches(value.metric())).toList();
    }

    private static int stripe(AgentKey key) {
        return (key.hashCode() & 0x7fff_ffff) % STRIPES;
    }

    @Override
    public void close() {
        if (invalidations != null) {
            invalidations.dispose();
        }
    }
}
