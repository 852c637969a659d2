package io.secumon.testing;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A PostgreSQL server tests can reach; tests create a database of their own on it. */
public record PostgresServer(String host, int port, String username, String password) {

    static PostgresServer fromJdbcUrl(String jdbcUrl, String username, String password) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return new PostgresServer(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, username, password);
    }

    /** JDBC URL of database {@code name} on this server. */
    public String jdbcUrl(String name) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /** A new connection to database {@code name}; the caller closes it. */
    public Connection connect(String name) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(name), username, password);
    }

    /**
     * Creates an empty database with a unique name; closing the returned handle drops it.
     * Schema migrations are left to the code under test, as in production.
     */
    public TestDatabase createDatabase() {
        String name = "secumon_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        return new TestDatabase(this, name);
    }

    void execute(String sql) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused: " + sql, e);
        }
    }
}
