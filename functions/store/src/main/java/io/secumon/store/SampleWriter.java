package io.secumon.store;

import io.secumon.pipeline.poison.PoisonMessageException;
import io.secumon.proto.v1.SampleBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Stores {@link SampleBatch}es in PostgreSQL, each exactly once however often it is
 * delivered. One transaction per batch: claim the batch id in {@code ingested_batches}
 * (a claimed id means a redelivery: nothing else is written), resolve series ids, COPY
 * the samples, add them to the 5-minute rollups, upsert {@code series_latest}, mark the agent seen, commit. Counters are
 * stored as their raw cumulative values; {@code series.kind} says how to read them.
 *
 * <p>While the database is only temporarily unable (see {@link TransientFailures}),
 * {@link #write} retries the whole transaction with exponential backoff from
 * {@value #INITIAL_BACKOFF_MS} ms to {@value #MAX_BACKOFF_MS} ms, without limit: the
 * caller's message stays unacknowledged meanwhile, and if the process dies, the broker
 * redelivers it and the batch id makes that safe.
 *
 * <p>Thread-safe; share one instance (and its series cache) per process.
 */
public final class SampleWriter {

    static final long INITIAL_BACKOFF_MS = 100;
    static final long MAX_BACKOFF_MS = 5_000;

    private static final String CLAIM = """
            INSERT INTO ingested_batches (batch_id, tenant_id, agent_id, sample_count, received_at, sequence)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (batch_id) DO NOTHING""";

    private final DataSource dataSource;
    private final SeriesIdCache seriesIds;
    private final SeriesResolver series;
    private final DayPartitions partitions;
    private final Clock clock;
    private final Outage outage = new Outage();

    /**
     * @param dataSource the SecuMon database, migrated (connections are borrowed per batch)
     * @param seriesIds  series ids known to this process, shared by all writers of it
     * @param clock      for the receive time of batches that lack one and for choosing
     *                   which day partitions to create
     */
    public SampleWriter(DataSource dataSource, SeriesIdCache seriesIds, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.seriesIds = Objects.requireNonNull(seriesIds, "seriesIds");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.series = new SeriesResolver(seriesIds);
        this.partitions = new DayPartitions(clock);
    }

    /**
     * Stores {@code batch} unless its batch id was stored before. Returns only once the
     * batch is committed (or found to be a duplicate); blocks, retrying, for as long as
     * the database is transiently unavailable.
     *
     * @throws PoisonMessageException when the batch can never be stored (ids that are not
     *         UUIDs, a sample naming a missing series, text PostgreSQL cannot hold)
     * @throws IllegalStateException  when the database rejected the batch for another
     *         reason, or the thread was interrupted while waiting to retry
     */
    public WriteResult write(SampleBatch batch) {
        BatchPlan plan = BatchPlan.of(batch, clock);
        long backoffMs = INITIAL_BACKOFF_MS;
        while (true) {
            try {
                WriteResult result = writeOnce(plan);
                outage.succeeded();
                return result;
            } catch (SQLException | RuntimeException e) {
                if (!TransientFailures.isTransient(e)) {
                    throw nonTransient(plan, e);
                }
                outage.failed(e, backoffMs);
            }
            sleep(backoffMs);
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        }
    }

    private WriteResult writeOnce(BatchPlan plan) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                partitions.ensure(connection, plan.days()); // commits on its own, before the batch
                if (!claim(connection, plan)) {
                    connection.rollback();
                    return WriteResult.duplicate();
                }
                SeriesResolver.Resolution resolution = series.resolve(connection, plan);
                SampleCopy.copy(connection, plan, resolution.ids());
                Rollups.upsert(connection, plan, resolution.ids());
                LatestValues.upsert(connection, plan, resolution.ids());
                AgentPresence.update(connection, plan);
                connection.commit();
                series.remember(resolution);
                return WriteResult.stored(plan.samples(), resolution.created());
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    private static boolean claim(Connection connection, BatchPlan plan) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setObject(1, plan.batchId());
            claim.setObject(2, plan.tenant());
            claim.setObject(3, plan.agent());
            claim.setInt(4, plan.samples());
            claim.setObject(5, OffsetDateTime.ofInstant(Instant.ofEpochMilli(plan.receivedAtMs()), ZoneOffset.UTC));
            long sequence = plan.batch().getSequence();
            if (sequence == 0) {
                claim.setNull(6, java.sql.Types.BIGINT); // the agent did not number its batches
            } else {
                claim.setLong(6, sequence);
            }
            return claim.executeUpdate() == 1;
        }
    }

    private RuntimeException nonTransient(BatchPlan plan, Exception e) {
        if (e instanceof RuntimeException runtime) {
            return runtime; // poison and programming errors keep their type
        }
        // A cached id may point at a series an operator deleted (a foreign key fails):
        // start afresh so the binder's next attempt resolves ids from the database.
        seriesIds.clear();
        return new IllegalStateException("storing batch " + plan.batchId() + " failed: " + e.getMessage(), e);
    }

    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException rollback) {
            failure.addSuppressed(rollback); // the connection is likely gone; the pool discards it
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database to come back", e);
        }
    }
}
