package io.secumon.store;

import io.secumon.proto.v1.Sample;
import io.secumon.proto.v1.SampleBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.PGConnection;

/**
 * Adds a batch's samples to the 5-minute rollups ({@code samples_5m}: count, sum, min and
 * max per series and bucket) in one upsert, inside the batch's transaction: rollups are
 * then exactly as complete as the samples, and a redelivered batch, skipped whole by its
 * claimed id, is never counted twice.
 *
 * <p>The batch is folded in memory first, since an upsert may touch each row only once per
 * statement. Keys are (rank of the series id, bucket offset) packed into a long, so the
 * folding sorts primitives instead of allocating per sample, and the rows reach the
 * database in (series id, bucket) order: concurrent writers lock them in the same order.
 */
final class Rollups {

    static final long BUCKET_MS = 300_000;

    private static final String UPSERT = """
            INSERT INTO samples_5m AS r (series_id, tenant_id, bucket, count, sum, min, max)
            SELECT u.id, ?, timestamptz 'epoch' + u.bucket * interval '1 millisecond', u.count, u.sum, u.min, u.max
              FROM unnest(?::int8[], ?::int8[], ?::int4[], ?::float8[], ?::float8[], ?::float8[])
                   AS u(id, bucket, count, sum, min, max)
            ON CONFLICT (series_id, bucket) DO UPDATE
               SET count = r.count + excluded.count, sum = r.sum + excluded.sum,
                   min = least(r.min, excluded.min), max = greatest(r.max, excluded.max)""";

    private Rollups() {
    }

    static void upsert(Connection connection, BatchPlan plan, long[] seriesIds) throws SQLException {
        Folded folded = fold(plan, seriesIds);
        if (folded.ids().length == 0) {
            return;
        }
        PGConnection pg = connection.unwrap(PGConnection.class); // takes primitive arrays without boxing
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setObject(1, plan.tenant());
            upsert.setArray(2, pg.createArrayOf("int8", folded.ids()));
            upsert.setArray(3, pg.createArrayOf("int8", folded.buckets()));
            upsert.setArray(4, pg.createArrayOf("int4", folded.counts()));
            upsert.setArray(5, pg.createArrayOf("float8", folded.sums()));
            upsert.setArray(6, pg.createArrayOf("float8", folded.mins()));
            upsert.setArray(7, pg.createArrayOf("float8", folded.maxs()));
            upsert.executeUpdate();
        }
    }

    /** Parallel arrays, one entry per (series id, bucket start in epoch ms), in that order. */
    record Folded(long[] ids, long[] buckets, int[] counts, double[] sums, double[] mins, double[] maxs) {
    }

    static Folded fold(BatchPlan plan, long[] seriesIds) {
        SampleBatch batch = plan.batch();
        int n = plan.samples();
        long[] rankedIds = distinctSorted(seriesIds, plan.used());
        long base = batch.getBaseTimeUnixMs();
        // Offsets from the batch's first bucket: the plan bounds stamps to years 1970..9999,
        // i.e. fewer than 2^25 buckets apart, which leaves the upper bits to the series rank.
        long firstBucket = Long.MAX_VALUE;
        for (int i = 0, total = batch.getSamplesCount(); i < total; i++) {
            Sample sample = batch.getSamples(i);
            if (Double.isFinite(sample.getValue())) {
                firstBucket = Math.min(firstBucket, (base + sample.getOffsetMs()) / BUCKET_MS);
            }
        }
        long[] keys = new long[n];
        double[] values = new double[n];
        int k = 0;
        for (int i = 0, total = batch.getSamplesCount(); i < total; i++) {
            Sample sample = batch.getSamples(i);
            double value = sample.getValue();
            if (!Double.isFinite(value)) {
                continue; // skipped by the plan too
            }
            long rank = Arrays.binarySearch(rankedIds, seriesIds[sample.getSeries()]);
            keys[k] = rank << 32 | ((base + sample.getOffsetMs()) / BUCKET_MS - firstBucket);
            values[k++] = value;
        }
        long[] distinct = distinct(keys.clone());
        int rows = distinct.length;
        long[] ids = new long[rows];
        long[] buckets = new long[rows];
        int[] counts = new int[rows];
        double[] sums = new double[rows];
        double[] mins = new double[rows];
        double[] maxs = new double[rows];
        Arrays.fill(mins, Double.POSITIVE_INFINITY);
        Arrays.fill(maxs, Double.NEGATIVE_INFINITY);
        for (int r = 0; r < rows; r++) {
            ids[r] = rankedIds[(int) (distinct[r] >>> 32)];
            buckets[r] = ((distinct[r] & 0xFFFF_FFFFL) + firstBucket) * BUCKET_MS;
        }
        for (int i = 0; i < k; i++) {
            int r = Arrays.binarySearch(distinct, keys[i]);
            counts[r]++;
            sums[r] += values[i];
            mins[r] = Math.min(mins[r], values[i]);
            maxs[r] = Math.max(maxs[r], values[i]);
        }
        return new Folded(ids, buckets, counts, sums, mins, maxs);
    }

    /** The ids of the used series, sorted, each once (two series entries may name one series). */
    private static long[] distinctSorted(long[] seriesIds, boolean[] used) {
        long[] ids = new long[seriesIds.length];
        int n = 0;
        for (int s = 0; s < seriesIds.length; s++) {
            if (used[s]) {
                ids[n++] = seriesIds[s];
            }
        }
        return distinct(Arrays.copyOf(ids, n));
    }

    /** {@code values} sorted, each once. Sorts {@code values} in place. */
    private static long[] distinct(long[] values) {
        Arrays.sort(values);
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (n == 0 || values[i] != values[n - 1]) {
                values[n++] = values[i];
            }
        }
        return Arrays.copyOf(values, n);
    }
}
