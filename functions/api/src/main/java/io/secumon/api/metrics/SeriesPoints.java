package io.secumon.api.metrics;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

/**
 * Reads series over a time range: raw from {@code samples}, or aggregated into buckets from
 * the 5-minute rollups {@code samples_5m} (buckets start on multiples of their width from
 * the Unix epoch, so bucket edges are the same in every query). An aggregated point covers
 * its whole bucket: the first is the bucket that holds {@code from}, the last the one that
 * holds {@code to}, as a chart expects.
 *
 * <p>One statement per request: the series are found through the {@code series} unique
 * index, and for each a lateral subquery range-scans {@code samples (series_id, ts)} or
 * the rollups' primary key; only the day partitions the range touches are read (the bounds are parameters, so
 * PostgreSQL prunes partitions at execution). Each series comes back as one row of
 * arrays, which keeps a 24-hour chart of many series to a handful of rows to decode.
 * Series without a sample in the range are left out.
 */
public final class SeriesPoints {

    // Each subquery hands its rows over in time order (an index range scan, partitions in
    // order), so the arrays are built without a sort per array; times stay timestamptz,
    // which decodes as it travels instead of through numeric epoch arithmetic.
    private static final String RAW_POINTS = """
            SELECT array_agg(x.ts) AS times, array_agg(x.value) AS avgs,
                   NULL::float8[] AS mins, NULL::float8[] AS maxs
              FROM (SELECT x.ts, x.value
                      FROM samples x
                     WHERE x.series_id = s.id AND x.ts >= :from AND x.ts <= :to
                     ORDER BY x.ts) x""";

    // 5-minute points are the rollup rows themselves: whole buckets, from the one holding
    // :from through the one holding :to.
    private static final String FIVE_MINUTE_POINTS = """
            SELECT array_agg(r.bucket) AS times, array_agg(r.sum / r.count) AS avgs,
                   array_agg(r.min) AS mins, array_agg(r.max) AS maxs
              FROM (SELECT r.bucket, r.sum, r.count, r.min, r.max
                      FROM samples_5m r
                     WHERE r.series_id = s.id
                       AND r.bucket >= date_bin(:step * interval '1 second', :from, timestamptz 'epoch')
                       AND r.bucket <= :to
                     ORDER BY r.bucket) r""";

    // An hour is the fold of its twelve 5-minute buckets.
    private static final String HOUR_POINTS = """
            SELECT array_agg(h.bucket) AS times, array_agg(h.sum / h.count) AS avgs,
                   array_agg(h.min) AS mins, array_agg(h.max) AS maxs
              FROM (SELECT date_bin(:step * interval '1 second', r.bucket, timestamptz 'epoch') AS bucket,
                           sum(r.sum) AS sum, sum(r.count) AS count, min(r.min) AS min, max(r.max) AS max
                      FROM samples_5m r
                     WHERE r.series_id = s.id
                       AND r.bucket >= date_bin(:step * interval '1 second', :from, timestamptz 'epoch')
                       AND r.bucket <= :to
                     GROUP BY 1
                     ORDER BY 1) h""";

    private static final String FOR_AGENT = """
            SELECT s.metric, s.labels::text AS labels, p.times, p.avgs, p.mins, p.maxs
              FROM series s
              CROSS JOIN LATERAL (%s) p
             WHERE s.tenant_id = :tenant AND s.agent_id = :agent
               AND (s.metric = ANY(:exact::text[])
                    OR EXISTS (SELECT 1 FROM unnest(:prefixes::text[]) AS f(prefix)
                                WHERE starts_with(s.metric, f.prefix)))
               AND p.times IS NOT NULL
             ORDER BY s.metric, s.labels""";

    // Queries arrive as parallel arrays; WITH ORDINALITY numbers them from 1.
    private static final String FOR_QUERIES = """
            SELECT q.n, s.agent_id, s.metric, s.labels::text AS labels, p.times, p.avgs, p.mins, p.maxs
              FROM unnest(:agents::uuid[], :metrics::text[], :prefixed::bool[], :labels::jsonb[])
                   WITH ORDINALITY AS q(agent_id, metric, prefixed, labels, n)
              JOIN series s ON s.tenant_id = :tenant AND s.agent_id = q.agent_id
                   AND CASE WHEN q.prefixed THEN starts_with(s.metric, q.metric) ELSE s.metric = q.metric END
                   AND s.labels @> q.labels
              CROSS JOIN LATERAL (%s) p
             WHERE p.times IS NOT NULL
             ORDER BY q.n, s.metric, s.labels""";

    private final DatabaseClient database;

    public SeriesPoints(DatabaseClient database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** The series of {@code agent} that {@code filter} admits; empty for another tenant's agent. */
    public Flux<SeriesRange> forAgent(UUID tenant, UUID agent, MetricFilter filter, TimeRange range,
                                      Resolution resolution) {
        DatabaseClient.GenericExecuteSpec spec = database.sql(FOR_AGENT.formatted(points(resolution)))
                .bind("tenant", tenant)
                .bind("agent", agent)
                .bind("exact", filter.exactArray())
                .bind("prefixes", filter.prefixArray());
        return bindRange(spec, range, resolution)
                .map((row, meta) -> series(row, null, null))
                .all();
    }

    /**
     * The series each query matches, ordered by query. A query names an agent, an exact
     * metric or a prefix ({@code net.*}), and labels the series must carry (a subset match).
     */
    public Flux<SeriesRange> forQueries(UUID tenant, List<SeriesQuery> queries, TimeRange range,
                                        Resolution resolution) {
        int n = queries.size();
        String[] agents = new String[n];
        String[] metrics = new String[n];
        Boolean[] prefixed = new Boolean[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            SeriesQuery query = queries.get(i);
            agents[i] = query.agent().toString();
            prefixed[i] = query.metric().endsWith("*");
            metrics[i] = prefixed[i] ? query.metric().substring(0, query.metric().length() - 1) : query.metric();
            labels[i] = Labels.json(query.labels());
        }
        DatabaseClient.GenericExecuteSpec spec = database.sql(FOR_QUERIES.formatted(points(resolution)))
                .bind("tenant", tenant)
                .bind("agents", agents)
                .bind("metrics", metrics)
                .bind("prefixed", prefixed)
                .bind("labels", labels);
        return bindRange(spec, range, resolution)
                .map((row, meta) -> series(row, row.get("n", Long.class).intValue() - 1,
                        row.get("agent_id", UUID.class)))
                .all();
    }

    private static String points(Resolution resolution) {
        return switch (resolution) {
            case RAW -> RAW_POINTS;
            case FIVE_MINUTES -> FIVE_MINUTE_POINTS;
            case ONE_HOUR -> HOUR_POINTS;
        };
    }

    private static DatabaseClient.GenericExecuteSpec bindRange(DatabaseClient.GenericExecuteSpec spec, TimeRange range,
                                                               Resolution resolution) {
        spec = spec.bind("from", range.from()).bind("to", range.to());
        // :step is the resolution's bucket width: the rollups' own 5 minutes, or the hour they fold into.
        return resolution.aggregated() ? spec.bind("step", resolution.step().toSeconds()) : spec;
    }

    private static SeriesRange series(Readable row, Integer query, UUID agent) {
        Instant[] times = row.get("times", Instant[].class);
        Double[] avgs = row.get("avgs", Double[].class);
        Double[] mins = row.get("mins", Double[].class);
        Double[] maxs = row.get("maxs", Double[].class);
        List<Point> points = new ArrayList<>(times.length);
        for (int i = 0; i < times.length; i++) {
            points.add(new Point(times[i], avgs[i],
                    mins == null ? null : mins[i], maxs == null ? null : maxs[i]));
        }
        return new SeriesRange(query, agent, row.get("metric", String.class),
                Labels.parse(row.get("labels", String.class)), points);
    }
}
