package io.secumon.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.postgresql.PGConnection;

/**
 * Upserts {@code series_latest} for every series of a batch in one statement, keeping
 * the row whose sample is newest: a batch redelivered late, or spooled data flushed
 * after fresher data, never moves "latest" backwards.
 */
final class LatestValues {

    private static final String UPSERT = """
            INSERT INTO series_latest AS l (series_id, tenant_id, ts, value)
            SELECT u.id, ?, timestamptz 'epoch' + u.ms * interval '1 millisecond', u.v
              FROM unnest(?::int8[], ?::int8[], ?::float8[]) AS u(id, ms, v)
            ON CONFLICT (series_id) DO UPDATE SET ts = excluded.ts, value = excluded.value
             WHERE l.ts < excluded.ts""";

    private LatestValues() {
    }

    static void upsert(Connection connection, BatchPlan plan, long[] seriesIds) throws SQLException {
        // One row per series id, sorted by id: ON CONFLICT DO UPDATE may touch a row only
        // once per statement, and concurrent writers then lock rows in the same order.
        int[] order = IntStream.range(0, seriesIds.length)
                .filter(s -> plan.used()[s])
                .boxed()
                .sorted(Comparator.comparingLong(s -> seriesIds[s]))
                .mapToInt(Integer::intValue)
                .toArray();
        if (order.length == 0) {
            return;
        }
        long[] ids = new long[order.length];
        long[] times = new long[order.length];
        double[] values = new double[order.length];
        int n = 0;
        for (int s : order) {
            long time = plan.latestMs()[s];
            if (n > 0 && ids[n - 1] == seriesIds[s]) {
                // Two series entries naming one series: keep the newer sample.
                if (time >= times[n - 1]) {
                    times[n - 1] = time;
                    values[n - 1] = plan.latestValues()[s];
                }
                continue;
            }
            ids[n] = seriesIds[s];
            times[n] = time;
            values[n++] = plan.latestValues()[s];
        }
        PGConnection pg = connection.unwrap(PGConnection.class); // takes primitive arrays without boxing
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setObject(1, plan.tenant());
            upsert.setArray(2, pg.createArrayOf("int8", Arrays.copyOf(ids, n)));
            upsert.setArray(3, pg.createArrayOf("int8", Arrays.copyOf(times, n)));
            upsert.setArray(4, pg.createArrayOf("float8", Arrays.copyOf(values, n)));
            upsert.executeUpdate();
        }
    }
}
