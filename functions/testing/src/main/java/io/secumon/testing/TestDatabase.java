package io.secumon.testing;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.ds.PGSimpleDataSource;

/** A database created for one test; {@link #close()} drops it, disconnecting its users. */
public record TestDatabase(PostgresServer server, String name) implements AutoCloseable {

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public String username() {
        return server.username();
    }

    public String password() {
        return server.password();
    }

    /** An unpooled data source for this database (a new connection per request). */
    public PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl());
        dataSource.setUser(username());
        dataSource.setPassword(password());
        return dataSource;
    }

    /** A new connection to this database; the caller closes it. */
    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    @Override
    public void close() {
        server.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
