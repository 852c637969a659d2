package io.secumon.schema;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies SecuMon's schema (the Flyway migrations under {@code db/migration} on this
 * module's classpath). Every process may call it at start: Flyway serialises concurrent
 * runs with a PostgreSQL advisory lock, so whichever starts first migrates and the
 * others find the schema current.
 */
public final class SchemaMigrations {

    /** Where the migrations live on the classpath. */
    public static final String LOCATION = "classpath:db/migration";

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

    private SchemaMigrations() {
    }

    /** Migrates the database behind {@code dataSource} to the latest schema version. */
    public static void migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .load()
                .migrate();
        log.info("schema at version {} ({} migration(s) applied now)",
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                result.migrationsExecuted);
    }
}
