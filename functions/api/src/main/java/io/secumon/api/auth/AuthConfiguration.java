package io.secumon.api.auth;

import com.github.benmanes.caffeine.cache.Ticker;
import io.secumon.api.ApiSettings;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/** Registers API key authentication for every route. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    /** Revoked keys stay out: a revocation is a timestamp, the row is kept for audit. */
    private static final String LIVE_KEY = """
            SELECT tenant_id FROM api_keys WHERE key_sha256 = :hash AND revoked_at IS NULL""";

    @Bean
    ApiKeyVerifier apiKeyVerifier(DatabaseClient database, ApiSettings settings) {
        return new ApiKeyVerifier(hash -> database.sql(LIVE_KEY)
                .bind("hash", ByteBuffer.wrap(hash))
                .map(row -> row.get("tenant_id", UUID.class))
                .one(),
                settings.apiKeyCacheTtl(), Ticker.systemTicker());
    }

    @Bean
    ApiKeyAuthentication apiKeyAuthentication(ApiKeyVerifier verifier) {
        return new ApiKeyAuthentication(verifier);
    }
}
