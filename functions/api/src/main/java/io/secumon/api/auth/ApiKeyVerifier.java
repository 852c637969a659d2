package io.secumon.api.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.secumon.pipeline.credential.BearerTokens;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Tells which tenant an API key belongs to. Keys are looked up by their SHA-256 and the
 * answer is cached for a short time (the {@code ttl}, {@code SECUMON_API_KEY_CACHE_TTL}),
 * because every request carries a key and most carry the same few: the cost is that a
 * revoked key keeps working for at most {@code ttl} on each api instance.
 *
 * <p>Unknown keys are cached too (a client retrying with a bad key must not cost a query
 * per request); a key cannot start existing later, since keys are random and never reused.
 * Failed lookups (database down) are not cached.
 */
public final class ApiKeyVerifier {

    /** Keys held at most; beyond it the least used are evicted (a key is ~100 bytes). */
    static final long MAX_CACHED_KEYS = 10_000;

    private final Function<byte[], Mono<UUID>> lookup;
    private final AsyncCache<String, Optional<UUID>> cache;

    /**
     * @param lookup the tenant of the live (not revoked) key with this SHA-256, or empty
     * @param ttl    how long an answer is reused; zero disables the cache
     * @param ticker the cache's time source (tests advance it by hand)
     */
    public ApiKeyVerifier(Function<byte[], Mono<UUID>> lookup, Duration ttl, Ticker ticker) {
        this.lookup = lookup;
        this.cache = ttl.isZero() ? null : Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(MAX_CACHED_KEYS)
                .ticker(ticker)
                .buildAsync();
    }

    /** The tenant {@code key} authenticates, or empty when it is unknown, revoked or not an API key. */
    public Mono<Tenant> verify(String key) {
        if (!key.startsWith(BearerTokens.API_KEY)) {
            return Mono.empty(); // an agent token or garbage: no query needed
        }
        byte[] hash = BearerTokens.sha256(key);
        if (cache == null) {
            return lookup.apply(hash).map(Tenant::new);
        }
        // Cached by hash, so plaintext keys never outlive the request that carried them.
        return Mono.fromFuture(() -> cache.get(HexFormat.of().formatHex(hash),
                        (ignored, executor) -> lookup.apply(hash).map(Optional::of)
                                .defaultIfEmpty(Optional.empty()).toFuture()))
                .flatMap(Mono::justOrEmpty)
                .map(Tenant::new);
    }
}
