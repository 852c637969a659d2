package io.secumon.api.health;

import io.secumon.api.MigratedSchema;
import java.time.Duration;
import org.springframework.r2dbc.BadSqlGrammarException;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Asks the database whether it answers and carries this build's schema, in one query
 * bounded by {@link #TIMEOUT}: a probe must answer within the kubelet's probe timeout even
 * when the database is blackholed.
 */
final class DatabaseHealth {

    /** Under Kubernetes' default probe timeout of one second would be too tight for a busy pool; 2 s is. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final String MIGRATED = """
            SELECT EXISTS (SELECT 1 FROM flyway_schema_history WHERE success AND version = :version) AS migrated""";

    /** What the database said. */
    enum State {
        /** Reachable and at this build's schema version. */
        READY,
        /** Reachable, but this build's newest migration is not applied (e.g. an older backup was restored). */
        NOT_MIGRATED,
        /** No answer within the timeout, or a connection error. */
        UNREACHABLE
    }

    private final DatabaseClient database;
    private final MigratedSchema schema;

    DatabaseHealth(DatabaseClient database, MigratedSchema schema) {
        this.database = database;
        this.schema = schema;
    }

    Mono<State> check() {
        return database.sql(MIGRATED)
                .bind("version", schema.version())
                .map(row -> Boolean.TRUE.equals(row.get("migrated", Boolean.class)))
                .one()
                .map(migrated -> migrated ? State.READY : State.NOT_MIGRATED)
                .timeout(TIMEOUT)
                // No history table at all: the database answers but holds no SecuMon schema.
                .onErrorResume(BadSqlGrammarException.class, e -> Mono.just(State.NOT_MIGRATED))
                .onErrorResume(e -> Mono.just(State.UNREACHABLE));
    }
}
