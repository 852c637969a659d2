package io.secumon.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;

/**
 * Bounded, thread-safe memory of series ids already in the database, so that a steady
 * stream of batches resolves its series without a query. Holds only committed ids: an id
 * is added after the transaction that created it commits. Share one instance per process.
 */
public final class SeriesIdCache {

    private final Cache<SeriesKey, Long> ids;

    /** @param maximumSize series kept at most; the least recently used are evicted beyond it */
    public SeriesIdCache(long maximumSize) {
        if (maximumSize < 1) {
            throw new IllegalArgumentException("series cache size must be at least 1, got " + maximumSize);
        }
        this.ids = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    /** Series currently remembered (approximate). */
    public long size() {
        return ids.estimatedSize();
    }

    Long get(SeriesKey key) {
        return ids.getIfPresent(key);
    }

    void putAll(Map<SeriesKey, Long> committed) {
        ids.putAll(committed);
    }

    /** Forgets everything; used when an id might no longer exist (series deleted by an operator). */
    void clear() {
        ids.invalidateAll();
    }
}
