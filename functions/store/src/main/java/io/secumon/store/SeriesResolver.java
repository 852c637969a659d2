package io.secumon.store;

import io.secumon.proto.v1.CanonicalSeries;
import io.secumon.proto.v1.MetricKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the {@code series.id} of every series a batch uses: from the cache when known,
 * otherwise with one insert-if-absent plus one select for all of the batch's misses.
 * New ids reach the cache only through {@link #remember} after the commit, so a rolled
 * back transaction never leaves ids in memory that the database does not have.
 */
final class SeriesResolver {

    // Only rows not there yet are inserted, so existing series do not burn identity values;
    // ON CONFLICT covers a concurrent writer inserting the same series. Rows go in key
    // order so two writers never lock the same unique keys in opposite orders.
    private static final String INSERT = """
            INSERT INTO series (tenant_id, agent_id, metric, labels, kind)
            SELECT ?, ?, u.metric, u.labels::jsonb, u.kind
              FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS u(metric, labels, kind, ord)
             WHERE NOT EXISTS (SELECT 1 FROM series s
                                WHERE s.tenant_id = ? AND s.agent_id = ?
                                  AND s.metric = u.metric AND s.labels = u.labels::jsonb)
             ORDER BY u.ord
            ON CONFLICT (tenant_id, agent_id, metric, labels) DO NOTHING""";
    // A separate statement: in READ COMMITTED it sees rows a concurrent writer committed
    // while the insert waited on them, which a CTE in the insert's snapshot would not.
    private static final String SELECT = """
            SELECT u.ord, s.id
              FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS u(metric, labels, ord)
              JOIN series s ON s.tenant_id = ? AND s.agent_id = ?
                           AND s.metric = u.metric AND s.labels = u.labels::jsonb""";

    /** Ids per series index (0 where unused), and the misses resolved in this transaction. */
    record Resolution(long[] ids, Map<SeriesKey, Long> resolved, int created) {
    }

    private final SeriesIdCache cache;

    SeriesResolver(SeriesIdCache cache) {
        this.cache = cache;
    }

    Resolution resolve(Connection connection, BatchPlan plan) throws SQLException {
        boolean[] used = plan.used();
        long[] ids = new long[used.length];
        Map<SeriesKey, List<Integer>> misses = null;
        for (int s = 0; s < used.length; s++) {
            if (!used[s]) {
                continue;
            }
            CanonicalSeries series = plan.batch().getSeries(s);
            SeriesKey key = new SeriesKey(plan.tenant(), plan.agent(), series.getMetric(),
                    LabelsJson.encode(series.getLabelsMap()));
            Long id = cache.get(key);
            if (id != null) {
                ids[s] = id;
            } else {
                misses = misses == null ? new HashMap<>() : misses;
                misses.computeIfAbsent(key, k -> new ArrayList<>(1)).add(s);
            }
        }
        if (misses == null) {
            return new Resolution(ids, Map.of(), 0);
        }
        List<SeriesKey> keys = new ArrayList<>(misses.keySet());
        keys.sort(Comparator.comparing(SeriesKey::metric).thenComparing(SeriesKey::labels));
        int created = insert(connection, plan, keys, misses);
        Map<SeriesKey, Long> resolved = select(connection, plan, keys);
        for (Map.Entry<SeriesKey, List<Integer>> miss : misses.entrySet()) {
            Long id = resolved.get(miss.getKey());
            if (id == null) {
                throw new SQLException("series " + miss.getKey() + " vanished while being resolved");
            }
            miss.getValue().forEach(s -> ids[s] = id);
        }
        return new Resolution(ids, resolved, created);
    }

    /** Makes the ids of a committed resolution known to later batches. */
    void remember(Resolution resolution) {
        if (!resolution.resolved().isEmpty()) {
            cache.putAll(resolution.resolved());
        }
    }

    private static int insert(Connection connection, BatchPlan plan, List<SeriesKey> keys,
                              Map<SeriesKey, List<Integer>> misses) throws SQLException {
        String[] kinds = new String[keys.size()];
        for (int i = 0; i < kinds.length; i++) {
            MetricKind kind = plan.batch().getSeries(misses.get(keys.get(i)).get(0)).getKind();
            kinds[i] = kind == MetricKind.METRIC_KIND_COUNTER ? "counter" : "gauge";
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, plan.tenant());
            insert.setObject(2, plan.agent());
            insert.setArray(3, connection.createArrayOf("text", keys.stream().map(SeriesKey::metric).toArray()));
            insert.setArray(4, connection.createArrayOf("text", keys.stream().map(SeriesKey::labels).toArray()));
            insert.setArray(5, connection.createArrayOf("text", kinds));
            insert.setObject(6, plan.tenant());
            insert.setObject(7, plan.agent());
            return insert.executeUpdate();
        }
    }

    private static Map<SeriesKey, Long> select(Connection connection, BatchPlan plan, List<SeriesKey> keys)
            throws SQLException {
        Map<SeriesKey, Long> resolved = new HashMap<>(keys.size() * 2);
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setArray(1, connection.createArrayOf("text", keys.stream().map(SeriesKey::metric).toArray()));
            select.setArray(2, connection.createArrayOf("text", keys.stream().map(SeriesKey::labels).toArray()));
            select.setObject(3, plan.tenant());
            select.setObject(4, plan.agent());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    resolved.put(keys.get(rows.getInt(1) - 1), rows.getLong(2));
                }
            }
        }
        return resolved;
    }
}
