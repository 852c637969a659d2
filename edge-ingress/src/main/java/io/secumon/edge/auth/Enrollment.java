package io.secumon.edge.auth;

import io.secumon.pipeline.credential.BearerTokens;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Enrolls agents: creates the tenant and the agent when they do not exist yet and issues a
 * new credential. Safe to run concurrently (inserts skip existing rows, then read the
 * winner) and repeatedly (each run adds one more valid token for the same agent).
 */
public final class Enrollment {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Enrollment() {
    }

    /**
     * Enrolls agent {@code agentName} of tenant {@code tenantName} in one transaction on a
     * migrated database.
     *
     * @return the tenant and agent ids and the new token (shown once, never stored)
     * @throws IllegalArgumentException when a name is blank
     * @throws IllegalStateException    when the database refuses, with the SQL error as cause
     */
    public static EnrolledAgent enroll(DataSource dataSource, String tenantName, String agentName) {
        requireName("tenant", tenantName);
        requireName("agent", agentName);
        String token = BearerTokens.generate(RANDOM, BearerTokens.AGENT_TOKEN);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                update(connection, "INSERT INTO tenants (id, name) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                        UUID.randomUUID(), tenantName);
                UUID tenantId = id(connection, "SELECT id FROM tenants WHERE name = ?", tenantName);
                update(connection, "INSERT INTO agents (id, tenant_id, name) VALUES (?, ?, ?) "
                        + "ON CONFLICT (tenant_id, name) DO NOTHING", UUID.randomUUID(), tenantId, agentName);
                UUID agentId = id(connection, "SELECT id FROM agents WHERE tenant_id = ? AND name = ?", tenantId, agentName);
                update(connection, "INSERT INTO agent_credentials (id, tenant_id, agent_id, token_sha256) "
                        + "VALUES (?, ?, ?, ?)", UUID.randomUUID(), tenantId, agentId, BearerTokens.sha256(token));
                connection.commit();
                return new EnrolledAgent(tenantId, agentId, token);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot enroll agent '" + agentName + "' of tenant '" + tenantName
                    + "': " + e.getMessage(), e);
        }
    }

    private static void requireName(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " name must not be blank");
        }
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.executeUpdate();
        }
    }

    private static UUID id(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("row vanished during enrollment: " + sql);
            }
            return rows.getObject(1, UUID.class);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
