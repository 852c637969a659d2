package io.secumon.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.pipeline.credential.BearerTokens;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class ApiKeyVerifierTest {

    private final String key = BearerTokens.generate(new SecureRandom(), BearerTokens.API_KEY);
    private final UUID tenant = UUID.randomUUID();
    /** The live keys "in the database", by SHA-256 in hex. */
    private final Map<String, UUID> liveKeys = new ConcurrentHashMap<>(
            Map.of(HexFormat.of().formatHex(BearerTokens.sha256(key)), tenant));
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void verify_findsTheTenantOfALiveKey() {
        ApiKeyVerifier verifier = verifier(Duration.ofSeconds(30));

        assertThat(verifier.verify(key).block()).isEqualTo(new Tenant(tenant));
        assertThat(verifier.verify(key + "x").block()).isNull();
        assertThat(verifier.verify("smt_" + key.substring(4)).block()).isNull();
    }

    @Test
    void verify_keepsAcceptingARevokedKey_untilItsCacheEntryExpires() {
        ApiKeyVerifier verifier = verifier(Duration.ofSeconds(30));
        verifier.verify(key).block();

        liveKeys.clear(); // revoked
        nanos.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(verifier.verify(key).block()).isEqualTo(new Tenant(tenant));
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(verifier.verify(key).block()).isNull();
    }

    @Test
    void verify_withoutCache_seesARevocationAtOnce() {
        ApiKeyVerifier verifier = verifier(Duration.ZERO);
        verifier.verify(key).block();

        liveKeys.clear();

        assertThat(verifier.verify(key).block()).isNull();
    }

    @Test
    void verify_doesNotCacheAFailedLookup() {
        boolean[] down = {true};
        ApiKeyVerifier verifier = new ApiKeyVerifier(hash -> down[0]
                ? Mono.error(new IllegalStateException("database down"))
                : Mono.justOrEmpty(liveKeys.get(HexFormat.of().formatHex(hash))), Duration.ofSeconds(30), nanos::get);

        assertThat(verifier.verify(key).onErrorReturn(new Tenant(UUID.randomUUID())).block())
                .isNotEqualTo(new Tenant(tenant));
        down[0] = false;

        assertThat(verifier.verify(key).block()).isEqualTo(new Tenant(tenant));
    }

    private ApiKeyVerifier verifier(Duration ttl) {
        return new ApiKeyVerifier(hash -> Mono.justOrEmpty(liveKeys.get(HexFormat.of().formatHex(hash))), ttl,
                nanos::get);
    }
}
