package io.secumon.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.secumon.schema.SchemaMigrations;
import io.secumon.testing.Sql;
import io.secumon.testing.TestDatabase;
import io.secumon.testing.TestServices;
import java.util.List;
import java.util.UUID;

/**
 * A fresh, migrated SecuMon database for one test, with a pool onto it; closing it drops
 * the database.
 */
final class StoreDatabase implements AutoCloseable {

    /** A tenant and one of its enrolled agents. */
    record Agent(UUID tenant, UUID agent) {
    }

    private final TestDatabase database;
    private final HikariDataSource dataSource;

    private StoreDatabase(TestDatabase database) {
        this.database = database;
        this.dataSource = pool(database.jdbcUrl(), 4);
    }

    /** A new database at the latest schema. */
    static StoreDatabase create() {
        StoreDatabase store = createEmpty();
        SchemaMigrations.migrate(store.dataSource);
        return store;
    }

    /** A new, empty database, for code under test that migrates it itself. */
    static StoreDatabase createEmpty() {
        return new StoreDatabase(TestServices.postgres().createDatabase());
    }

    TestDatabase database() {
        return database;
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    /** A pool onto this database reached through {@code jdbcUrl} (e.g. via a proxy). */
    HikariDataSource pool(String jdbcUrl, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(database.username());
        config.setPassword(database.password());
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(1_000);
        config.addDataSourceProperty("socketTimeout", "10");
        return new HikariDataSource(config);
    }

    /** Inserts a tenant and an agent of it, status pending, never seen. */
    Agent enrolAgent() {
        Agent agent = new Agent(UUID.randomUUID(), UUID.randomUUID());
        execute("INSERT INTO tenants (id, name) VALUES (?, ?)", agent.tenant(), "tenant-" + agent.tenant());
        execute("INSERT INTO agents (id, tenant_id, name) VALUES (?, ?, ?)", agent.agent(), agent.tenant(),
                "agent-" + agent.agent());
        return agent;
    }

    void execute(String sql, Object... parameters) {
        Sql.execute(dataSource, sql, parameters);
    }

    /** The first column of every row of {@code sql}. */
    List<Object> column(String sql, Object... parameters) {
        return Sql.column(dataSource, sql, parameters);
    }

    /** The single value {@code sql} returns. */
    Object value(String sql, Object... parameters) {
        return Sql.value(dataSource, sql, parameters);
    }

    long count(String table) {
        return ((Number) value("SELECT count(*) FROM " + table)).longValue();
    }

    @Override
    public void close() {
        dataSource.close();
        database.close();
    }
}
