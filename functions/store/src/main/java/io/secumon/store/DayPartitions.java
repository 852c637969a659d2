package io.secumon.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGConnection;

/**
 * Makes sure the UTC day partitions of {@code samples} exist before a batch is copied in,
 * asking the database ({@code secumon_ensure_samples_partition}) once per day per process.
 *
 * <p>Runs in its own short transaction ahead of the batch's: creating a partition locks
 * the partitioned table exclusively, and holding that for the rest of a batch would stall
 * every other writer. For the same reason the lock is waited for at most
 * {@value #LOCK_TIMEOUT}: behind a long query on {@code samples}, the attempt fails
 * ({@code 55P03}, transient) instead of queueing every other writer behind it, and the
 * batch is retried. A partition created for a batch that then rolls back is just an empty
 * partition.
 *
 * <p>Only days near the clock get a partition (a month back for agents flushing their
 * spool, and tomorrow, so the day's table exists before midnight); samples from a wildly
 * wrong agent clock land in the default partition instead of creating tables for
 * arbitrary years.
 */
final class DayPartitions {

    static final int DAYS_BACK = 31;
    private static final String LOCK_TIMEOUT = "3s";
    private static final int MAX_REMEMBERED = 1_000;
    private static final String DUPLICATE_TABLE = "42P07";
    private static final String ENSURE =
            "SELECT secumon_ensure_samples_partition(date '1970-01-01' + d) FROM unnest(?::int[]) AS d";

    private final Clock clock;
    private final Set<Long> known = ConcurrentHashMap.newKeySet();

    DayPartitions(Clock clock) {
        this.clock = clock;
    }

    /**
     * Ensures the partitions of {@code days} (epoch days) and commits that on its own; the
     * connection must not be in autocommit mode and must have no work pending.
     */
    void ensure(Connection connection, long[] days) throws SQLException {
        long today = clock.millis() / BatchPlan.MILLIS_PER_DAY;
        int[] missing = new int[days.length + 1];
        int count = 0;
        if (!known.contains(today + 1)) {
            missing[count++] = (int) (today + 1);
        }
        for (long day : days) {
            if (day >= today - DAYS_BACK && day <= today && !known.contains(day)) {
                missing[count++] = (int) day;
            }
        }
        if (count == 0) {
            return;
        }
        int[] toEnsure = Arrays.copyOf(missing, count);
        Arrays.sort(toEnsure);
        try {
            create(connection, toEnsure);
        } catch (SQLException e) {
            connection.rollback();
            if (!DUPLICATE_TABLE.equals(e.getSQLState())) {
                throw e;
            }
            // Another writer created the partition while this one waited on the function's
            // advisory lock; the function's re-check can miss it (the backend's catalog cache
            // is refreshed only at the next transaction), so a second call succeeds.
            create(connection, toEnsure);
        }
        if (known.size() > MAX_REMEMBERED) {
            known.clear(); // a long-lived process: forget old days rather than grow forever
        }
        for (int day : toEnsure) {
            known.add((long) day);
        }
    }

    private static void create(Connection connection, int[] days) throws SQLException {
        try (Statement settings = connection.createStatement()) {
            settings.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
        }
        try (PreparedStatement ensure = connection.prepareStatement(ENSURE)) {
            ensure.setArray(1, connection.unwrap(PGConnection.class).createArrayOf("int4", days));
            ensure.execute();
        }
        connection.commit();
    }
}
