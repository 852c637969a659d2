package io.secumon.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How {@link Rollups} folds a batch before its one upsert (the upsert itself: SampleWriterTest). */
class RollupsTest {

    private static final long BUCKET = Instant.parse("2026-11-21T11:55:00Z").toEpochMilli();

    @Test
    void fold_oneRowPerSeriesAndBucket_orderedBySeriesIdThenBucket_whateverTheSampleOrder() {
        BatchPlan plan = BatchPlan.of(new BatchBuilder(UUID.randomUUID(), UUID.randomUUID(), BUCKET)
                .gauge("b", Map.of(), 7, BUCKET + 300_000)   // series index 0, next bucket
                .gauge("a", Map.of(), 4, BUCKET + 1_000)     // series index 1
                .gauge("b", Map.of(), 1, BUCKET + 299_999)
                .gauge("b", Map.of(), 3, BUCKET)
                .gauge("a", Map.of(), Double.NaN, BUCKET)    // not stored, not counted
                .build(), Clock.systemUTC());

        // Series "b" has the smaller id although it came first in the batch.
        Rollups.Folded folded = Rollups.fold(plan, new long[] {10, 20});

        assertThat(folded.ids()).containsExactly(10, 10, 20);
        assertThat(folded.buckets()).containsExactly(BUCKET, BUCKET + 300_000, BUCKET);
        assertThat(folded.counts()).containsExactly(2, 1, 1);
        assertThat(folded.sums()).containsExactly(4.0, 7.0, 4.0);
        assertThat(folded.mins()).containsExactly(1.0, 7.0, 4.0);
        assertThat(folded.maxs()).containsExactly(3.0, 7.0, 4.0);
    }

    @Test
    void fold_twoSeriesEntriesNamingOneSeries_shareTheirRow() {
        BatchPlan plan = BatchPlan.of(new BatchBuilder(UUID.randomUUID(), UUID.randomUUID(), BUCKET)
                .gauge("x", Map.of("k", "1"), 2, BUCKET)
                .gauge("x", Map.of("k", "2"), 6, BUCKET + 60_000)
                .build(), Clock.systemUTC());

        Rollups.Folded folded = Rollups.fold(plan, new long[] {5, 5});

        assertThat(folded.ids()).containsExactly(5);
        assertThat(folded.counts()).containsExactly(2);
        assertThat(folded.sums()).containsExactly(8.0);
    }

    @Test
    void fold_samplesYearsApart_keepTheirBuckets() {
        long early = Instant.parse("1970-01-01T00:04:59Z").toEpochMilli();
        long late = Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();
        BatchPlan plan = BatchPlan.of(new BatchBuilder(UUID.randomUUID(), UUID.randomUUID(), 0)
                .gauge("x", Map.of(), 1, late)
                .gauge("x", Map.of(), 2, early)
                .build(), Clock.systemUTC());

        Rollups.Folded folded = Rollups.fold(plan, new long[] {1});

        assertThat(folded.buckets()).containsExactly(0L, Instant.parse("9999-12-31T23:55:00Z").toEpochMilli());
    }
}
