package io.secumon.api.auth;

import io.secumon.pipeline.credential.BearerTokens;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Issues and revokes API keys over JDBC, for the command line and the local launcher (which
 * run before, or without, the api's reactive stack). Keys belong to a tenant and are named
 * per tenant, so an operator can revoke "grafana" without knowing the key.
 */
public final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /**
     * Issues a key named {@code keyName} for tenant {@code tenantName}, creating the tenant
     * when it does not exist, in one transaction on a migrated database.
     *
     * @return the tenant, the key's id and the plaintext key (shown once, never stored)
     * @throws IllegalArgumentException when a name is blank or the tenant already has a key of that name
     * @throws IllegalStateException    when the database refuses, with the SQL error as cause
     */
    public static IssuedApiKey issue(DataSource dataSource, String tenantName, String keyName) {
        requireName("tenant", tenantName);
        requireName("key", keyName);
        String key = BearerTokens.generate(RANDOM, BearerTokens.API_KEY);
        UUID keyId = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // Insert-then-read is safe against a concurrent issuer creating the same tenant.
                update(connection, "INSERT INTO tenants (id, name) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                        UUID.randomUUID(), tenantName);
                UUID tenantId = tenantId(connection, tenantName);
                int inserted = update(connection, "INSERT INTO api_keys (id, tenant_id, name, key_sha256) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, name) WHERE revoked_at IS NULL DO NOTHING",
                        keyId, tenantId, keyName, BearerTokens.sha256(key));
                if (inserted == 0) {
                    throw new IllegalArgumentException("tenant '" + tenantName + "' already has an API key named '"
                            + keyName + "'; revoke it first (revoke-key) to rotate it, or choose another name");
                }
                connection.commit();
                return new IssuedApiKey(tenantId, keyId, key);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot issue API key '" + keyName + "' of tenant '" + tenantName
                    + "': " + e.getMessage(), e);
        }
    }

    /**
     * Revokes the key named {@code keyName} of tenant {@code tenantName}. Instances that
     * cached it keep accepting it for at most {@code SECUMON_API_KEY_CACHE_TTL}.
     *
     * @return false when there is no such live key
     * @throws IllegalStateException when the database refuses
     */
    public static boolean revoke(DataSource dataSource, String tenantName, String keyName) {
        try (Connection connection = dataSource.getConnection()) {
            return update(connection, "UPDATE api_keys SET revoked_at = now() WHERE revoked_at IS NULL AND name = ? "
                    + "AND tenant_id = (SELECT id FROM tenants WHERE name = ?)", keyName, tenantName) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revoke API key '" + keyName + "' of tenant '" + tenantName
                    + "': " + e.getMessage(), e);
        }
    }

    private static void requireName(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " name must not be blank");
        }
    }

    private static UUID tenantId(Connection connection, String tenantName) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM tenants WHERE name = ?")) {
            select.setString(1, tenantName);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("tenant '" + tenantName + "' vanished while issuing a key");
                }
                return rows.getObject(1, UUID.class);
            }
        }
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
