package io.secumon.edge.auth;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.secumon.edge.config.EdgeConfig;
import java.time.Duration;

/** The edge's small connection pool to the credential database. */
public final class CredentialPool {

    private CredentialPool() {
    }

    /**
     * Opens a pool on {@link EdgeConfig#dbUrl()}; fails at once when the database cannot be
     * reached (the edge does not start without it). The caller closes it.
     */
    public static HikariDataSource open(EdgeConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("edge-credentials");
        hikari.setJdbcUrl(config.dbUrl());
        hikari.setUsername(config.dbUser());
        hikari.setPassword(config.dbPassword());
        // Only token lookups on cache misses use it.
        hikari.setMaximumPoolSize(4);
        hikari.setMinimumIdle(1);
        // A call waiting for an unreachable database fails soon with UNAVAILABLE, not after 30 s.
        hikari.setConnectionTimeout(Duration.ofSeconds(3).toMillis());
        return new HikariDataSource(hikari);
    }
}
