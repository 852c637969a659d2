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
 * Reads series over a time range from {@code samples}, raw or aggregated into buckets
 * ({@code date_bin} from the Unix epoch, so bucket edges are the same in every query).
 *
 * <p>One statement per request: the series are found through the {@code series} unique
 * index, and for each a lateral subquery range-scans {@code samples (series_id, ts)};
 * only the day partitions the range touches are read (the bounds are parameters, so
 * PostgreSQL prunes partitions at execution). Each series comes back as one row of
 * arrays, which keeps a 24-hour chart of many series to a handful of rows to decode.
 * Series without a sample in the range are left out.
 */
public final class SeriesPoints {

    private static final String RAW_POINTS = """
            SELECT array_agg(floor(extract(epoch FROM x.ts) * 1000)::int8 ORDER BY x.ts) AS times,
                   array_agg(x.value ORDER BY x.ts) AS avgs,
                   NULL::float8[] AS mins,
                   NULL::float8[] AS maxs
              FROM samples x
             WHERE x.series_id = s.id AND x.ts >= :from AND x.ts <= :to""";

    private static final String BUCKET_POINTS = """
            SELECT array_agg(floor(extract(epoch FROM b.bucket) * 1000)::int8 ORDER BY b.bucket) AS times,
                   array_agg(b.avg ORDER BY b.bucket) AS avgs,
                   array_agg(b.min ORDER BY b.bucket) AS mins,
                   array_agg(b.max ORDER BY b.bucket) AS maxs
              FROM (SELECT date_bin(:step * interval '1 second', x.ts, timestamptz 'epoch') AS bucket,
                           avg(x.value) AS avg, min(x.value) AS min, max(x.value) AS max
                      FROM samples x
                     WHERE x.series_id = s.id AND x.ts >= :from AND x.ts <= :to
                     GROUP BY 1) b""";

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
        return resolution.aggregated() ? BUCKET_POINTS : RAW_POINTS;
    }

    private static DatabaseClient.GenericExecuteSpec bindRange(DatabaseClient.GenericExecuteSpec spec, TimeRange range,
                                                               Resolution resolution) {
        spec = spec.bind("from", range.from()).bind("to", range.to());
        return resolution.aggregated() ? spec.bind("step", resolution.step().toSeconds()) : spec;
    }

    private static SeriesRange series(Readable row, Integer query, UUID agent) {
        Long[] times = row.get("times", Long[].class);
        Double[] avgs = row.get("avgs", Double[].class);
        Double[] mins = row.get("mins", Double[].class);
        Double[] maxs = row.get("maxs", Double[].class);
        List<Point> points = new ArrayList<>(times.length);
        for (int i = 0; i < times.length; i++) {
            points.add(new Point(Instant.ofEpochMilli(times[i]), avgs[i],
                    mins == null ? null : mins[i], maxs == null ? null : maxs[i]));
        }
        return new SeriesRange(query, agent, row.get("metric", String.class),
                Labels.parse(row.get("labels", String.class)), points);
    }
}
