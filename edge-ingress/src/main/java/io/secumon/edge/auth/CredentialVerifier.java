package io.secumon.edge.auth;

import io.secumon.pipeline.credential.BearerTokens;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Maps a bearer token to its agent through {@code agent_credentials}, caching answers so
 * that a busy edge asks the database about each agent about once per TTL instead of once
 * per stream. A revoked credential or disabled agent is therefore refused at the latest
 * one TTL after the change.
 */
public final class CredentialVerifier {

    /**
     * Unknown tokens are remembered only briefly: long enough to absorb an agent retrying in
     * a loop, short enough that a token enrolled a moment ago soon works.
     */
    static final Duration NEGATIVE_TTL = Duration.ofSeconds(5);

    private static final String LOOKUP = """
            SELECT c.tenant_id, c.agent_id
              FROM agent_credentials c
              JOIN agents a ON a.tenant_id = c.tenant_id AND a.id = c.agent_id
             WHERE c.token_sha256 = ? AND c.revoked_at IS NULL AND a.status <> 'disabled'
            """;

    private final DataSource dataSource;
    private final Cache<String, Optional<AgentPrincipal>> cache;

    public CredentialVerifier(DataSource dataSource, Duration ttl) {
        this.dataSource = dataSource;
        Duration negative = ttl.compareTo(NEGATIVE_TTL) < 0 ? ttl : NEGATIVE_TTL;
        this.cache = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfter(Expiry.<String, Optional<AgentPrincipal>>creating(
                        (hash, principal) -> principal.isPresent() ? ttl : negative))
                .build();
    }

    /**
     * The agent the token belongs to, or empty when the token is unknown, revoked or its
     * agent disabled.
     *
     * @throws CredentialsUnavailableException when the database cannot be reached; such
     *                                         failures are not cached
     */
    public Optional<AgentPrincipal> verify(String token) {
        byte[] hash = BearerTokens.sha256(token);
        // Keyed by the hash so that raw tokens never sit in memory longer than a call.
        return cache.get(HexFormat.of().formatHex(hash), key -> lookup(hash));
    }

    private Optional<AgentPrincipal> lookup(byte[] hash) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LOOKUP)) {
            statement.setBytes(1, hash);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next()
                        ? Optional.of(new AgentPrincipal(rows.getObject(1, UUID.class),
                                rows.getObject(2, UUID.class)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CredentialsUnavailableException("cannot look up the token in PostgreSQL: " + e.getMessage(), e);
        }
    }
}
