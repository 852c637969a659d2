package io.secumon.api;

import io.secumon.schema.SchemaMigrations;
import java.util.Arrays;
import java.util.Comparator;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Proof that the database was migrated at start-up, and the schema version this build
 * expects: readiness checks that this version is (still) applied, so an api that meets a
 * database restored from an older backup stops taking traffic instead of failing queries.
 *
 * @param version the newest migration version on this build's classpath, as Flyway records it
 */
public record MigratedSchema(String version) {

    /** Migrates the database behind {@code dataSource} (over JDBC) to this build's schema. */
    public static MigratedSchema migrate(DataSource dataSource) {
        SchemaMigrations.migrate(dataSource);
        MigrationVersion newest = Arrays.stream(Flyway.configure()
                        .dataSource(dataSource)
                        .locations(SchemaMigrations.LOCATION)
                        .load()
                        .info()
                        .all())
                .filter(info -> info.getState().isResolved() && info.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .max(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException("no migrations found at " + SchemaMigrations.LOCATION));
        return new MigratedSchema(newest.getVersion());
    }
}
