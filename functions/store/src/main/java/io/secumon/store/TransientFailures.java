package io.secumon.store;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells database failures that pass by themselves (the server is unreachable, restarting,
 * out of connections or memory, chose this transaction as a serialisation or deadlock
 * victim, or a lock was busy) from those that would fail again on every attempt.
 */
final class TransientFailures {

    // SQLState classes: 08 connection exception, 53 insufficient resources.
    private static final Set<String> CLASSES = Set.of("08", "53");
    // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up),
    // 40001 serialization failure, 40P01 deadlock detected, 55P03 lock not available (a
    // lock_timeout expired: see DayPartitions).
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "40001", "40P01", "55P03");

    private TransientFailures() {
    }

    /** True when {@code failure} or one of its causes says the database is only temporarily unable. */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true; // includes the pool's "no connection available in time"
            }
            if (t instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static boolean isTransientState(String sqlState) {
        return sqlState != null && sqlState.length() == 5
                && (CLASSES.contains(sqlState.substring(0, 2)) || STATES.contains(sqlState));
    }
}
