package io.secumon.api;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The database: migrated over JDBC at start-up (as every SecuMon process does), then used
 * through a bounded R2DBC pool. Every other bean reaches the pool through beans that
 * depend on {@link MigratedSchema}, so no request ever meets an unmigrated schema.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean
    MigratedSchema migratedSchema(ApiSettings settings) {
        return MigratedSchema.migrate(settings.database()
                .jdbcDataSource(settings.databaseUser(), settings.databasePassword()));
    }

    /** Disposed (not "closed": its close() only returns a publisher) when the context stops. */
    @Bean(destroyMethod = "dispose")
    ConnectionPool connectionFactory(ApiSettings settings, MigratedSchema schema) {
        ConnectionFactory postgres = ConnectionFactories.get(settings.database()
                .r2dbcOptions(settings.databaseUser(), settings.databasePassword()));
        return new ConnectionPool(ConnectionPoolConfiguration.builder(postgres)
                .name("secumon-api")
                .initialSize(0)
                .maxSize(settings.databasePoolSize())
                // A request waits at most this long for a connection, then fails (503) instead of hanging.
                .maxAcquireTime(Duration.ofSeconds(10))
                .maxIdleTime(Duration.ofMinutes(10))
                // Closed connections (database restart, failover) are dropped on acquire; a local
                // check, so a request does not pay a round trip for it.
                .validationDepth(ValidationDepth.LOCAL)
                .build());
    }

    @Bean
    DatabaseClient databaseClient(ConnectionFactory connectionFactory) {
        return DatabaseClient.create(connectionFactory);
    }

    @Bean
    R2dbcTransactionManager transactionManager(ConnectionFactory connectionFactory) {
        return new R2dbcTransactionManager(connectionFactory);
    }
}
