package io.secumon.launcher.bench.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * Readies the {@code samples} table for a bulk load and restores it afterwards, the way a
 * restore from backup would: day partitions created first (rows outside them would land in
 * the default partition, which queries cannot prune), the indexes dropped and built again
 * once the rows are in (one sort instead of 72 million scattered index inserts), autovacuum
 * held off the partitions until a single {@code VACUUM (ANALYZE)} at the end, so that none
 * starts during the measurement. The 5-minute rollups are computed from the loaded samples
 * in one pass per day, as after any import that bypasses the store.
 */
final class SamplesTable {

    private final DataSource dataSource;
    private List<String> droppedIndexes = List.of();

    SamplesTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the partitions of the UTC days {@code first}..{@code last} and drops the indexes. */
    void prepare(LocalDate first, LocalDate last) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement ensure = connection.prepareStatement("SELECT secumon_ensure_samples_partition(?)")) {
                for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                    ensure.setObject(1, day);
                    ensure.execute();
                }
            }
            List<String> definitions = new ArrayList<>();
            try (Statement statement = connection.createStatement()) {
                try (ResultSet rows = statement.executeQuery("SELECT indexname, indexdef FROM pg_indexes"
                        + " WHERE schemaname = current_schema() AND tablename = 'samples' ORDER BY indexname")) {
                    while (rows.next()) {
                        // A partitioned index's definition reads "ON ONLY samples", which would build
                        // no partition's index: rebuild it on the whole table instead.
                        definitions.add(rows.getString(2).replace(" ON ONLY ", " ON "));
                    }
                }
                for (String index : names(connection)) {
                    statement.execute("DROP INDEX " + index);
                }
                for (String partition : partitions(connection)) {
                    statement.execute("ALTER TABLE " + partition + " SET (autovacuum_enabled = false)");
                }
            }
            droppedIndexes = List.copyOf(definitions);
        }
    }

    /** The indexes {@link #prepare} dropped, as {@code CREATE INDEX} statements. */
    List<String> droppedIndexes() {
        return droppedIndexes;
    }

    /** Builds the dropped indexes again. */
    void buildIndexes() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // Session settings only: the sort of tens of millions of keys fits in memory.
            statement.execute("SET maintenance_work_mem = '1GB'");
            for (String definition : droppedIndexes) {
                statement.execute(definition);
            }
        }
    }

    /**
     * Computes the 5-minute rollups of the days {@code first}..{@code last} from the loaded
     * samples ({@code secumon_rollup_samples}, as for any bulk import), a day per connection,
     * {@code parallel} at a time. Returns the rollup rows written.
     */
    long rollUp(LocalDate first, LocalDate last, int parallel) throws Exception {
        List<Callable<Long>> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            LocalDate from = day;
            days.add(() -> {
                try (Connection connection = dataSource.getConnection();
                     Statement statement = connection.createStatement()) {
                    // A day's buckets are aggregated in one hash table rather than spilled to disk.
                    statement.execute("SET work_mem = '1GB'");
                    try (PreparedStatement rollUp = connection.prepareStatement(
                            "SELECT secumon_rollup_samples(?::date, ?::date)")) {
                        rollUp.setObject(1, from);
                        rollUp.setObject(2, from.plusDays(1));
                        try (ResultSet written = rollUp.executeQuery()) {
                            written.next();
                            return written.getLong(1);
                        }
                    }
                }
            });
        }
        long written = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel))) {
            for (Future<Long> day : pool.invokeAll(days)) {
                written += day.get();
            }
        }
        return written;
    }

    /** Lets autovacuum back and vacuums and analyses the loaded tables once. */
    void vacuumAnalyze() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String partition : partitions(connection)) {
                statement.execute("ALTER TABLE " + partition + " RESET (autovacuum_enabled)");
            }
            statement.execute("VACUUM (ANALYZE) samples, samples_5m");
            statement.execute("VACUUM (ANALYZE) series, series_latest, agents");
        }
    }

    private static List<String> names(Connection connection) throws SQLException {
        return strings(connection, "SELECT indexname FROM pg_indexes"
                + " WHERE schemaname = current_schema() AND tablename = 'samples'");
    }

    private static List<String> partitions(Connection connection) throws SQLException {
        return strings(connection, "SELECT inhrelid::regclass::text FROM pg_inherits"
                + " WHERE inhparent = 'samples'::regclass ORDER BY 1");
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                out.add(rows.getString(1));
            }
        }
        return out;
    }
}
