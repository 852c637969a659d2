package io.secumon.api.metrics;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

/**
 * Reads the newest value of an agent's series from {@code series_latest}: one indexed
 * lookup of the agent's series ({@code series (tenant_id, agent_id, ...)}) joined by
 * primary key, never the samples table.
 */
public final class LatestValues {

    private static final String SQL = """
            SELECT s.metric, s.labels::text AS labels, l.ts, l.value
              FROM series s
              JOIN series_latest l ON l.series_id = s.id
             WHERE s.tenant_id = :tenant AND s.agent_id = :agent
               AND (s.metric = ANY(:exact::text[])
                    OR EXISTS (SELECT 1 FROM unnest(:prefixes::text[]) AS p(prefix)
                                WHERE starts_with(s.metric, p.prefix)))
             ORDER BY s.metric, s.labels""";

    private final DatabaseClient database;

    public LatestValues(DatabaseClient database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * The latest value of every series of {@code agent} that {@code filter} admits, ordered
     * by metric then labels; empty for an agent of another tenant.
     */
    public Flux<LatestValue> of(UUID tenant, UUID agent, MetricFilter filter) {
        return database.sql(SQL)
                .bind("tenant", tenant)
                .bind("agent", agent)
                .bind("exact", filter.exactArray())
                .bind("prefixes", filter.prefixArray())
                .map((row, meta) -> new LatestValue(
                        row.get("metric", String.class),
                        Labels.parse(row.get("labels", String.class)),
                        row.get("value", Double.class),
                        row.get("ts", Instant.class)))
                .all();
    }
}
