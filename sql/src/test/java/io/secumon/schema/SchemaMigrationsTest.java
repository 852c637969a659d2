package io.secumon.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.testing.Sql;
import io.secumon.testing.TestDatabase;
import io.secumon.testing.TestServices;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;

class SchemaMigrationsTest {

    private TestDatabase database;
    private PGSimpleDataSource dataSource;

    @BeforeEach
    void createDatabase() {
        database = TestServices.postgres().createDatabase();
        dataSource = database.dataSource();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void migrate_isSafeWhenSeveralProcessesStartTogether() {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            starts.add(CompletableFuture.runAsync(() -> SchemaMigrations.migrate(dataSource)));
        }
        starts.forEach(CompletableFuture::join);

        assertThat(scalar("SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(8);
        assertThat(scalar("SELECT count(*) FROM information_schema.tables WHERE table_name IN "
                + "('tenants','agents','agent_credentials','series','series_latest','ingested_batches','samples',"
                + "'api_keys','samples_5m')"))
                .isEqualTo(9);
    }

    @Test
    void samples_arePartitionedByDay_andRowsOutsideAnyDayLandInTheDefaultPartition() throws SQLException {
        SchemaMigrations.migrate(dataSource);
        execute("SELECT secumon_ensure_samples_partition('2026-03-01')");
        execute("SELECT secumon_ensure_samples_partition('2026-03-01')");
        execute("INSERT INTO samples VALUES (gen_random_uuid(), 1, '2026-03-01T12:00:00Z', 1),"
                + " (gen_random_uuid(), 1, '1999-01-01T00:00:00Z', 2)");

        assertThat(scalar("SELECT count(*) FROM samples_p20260301")).isEqualTo(1);
        assertThat(scalar("SELECT count(*) FROM samples_default")).isEqualTo(1);
        // A day that already has rows in the default partition stays there, rather than fail.
        execute("SELECT secumon_ensure_samples_partition('1999-01-01')");
        assertThat(scalar("SELECT count(*) FROM samples")).isEqualTo(2);
    }

    @Test
    void rollups_arePartitionedByDayLikeTheirSamples() throws SQLException {
        SchemaMigrations.migrate(dataSource);
        execute("SELECT secumon_ensure_samples_partition('2026-03-01')");
        execute("INSERT INTO samples_5m VALUES (1, gen_random_uuid(), '2026-03-01T12:00:00Z', 1, 1, 1, 1),"
                + " (1, gen_random_uuid(), '1999-01-01T00:00:00Z', 1, 2, 2, 2)");

        assertThat(scalar("SELECT count(*) FROM samples_5m_p20260301")).isEqualTo(1);
        assertThat(scalar("SELECT count(*) FROM samples_5m_default")).isEqualTo(1);
    }

    @Test
    void rollupSamples_recomputesTheBucketsOverlappingTheSpan_fromTheSamples() throws SQLException {
        SchemaMigrations.migrate(dataSource);
        execute("SELECT secumon_ensure_samples_partition('2026-03-01')");
        String tenant = "'00000000-0000-0000-0000-000000000001'";
        // Series 1: three samples in the 12:00 bucket, one in 12:05; series 2: one at 12:07.
        execute("INSERT INTO samples VALUES (" + tenant + ", 1, '2026-03-01T12:00:00Z', 1),"
                + " (" + tenant + ", 1, '2026-03-01T12:01:00Z', 5), (" + tenant + ", 1, '2026-03-01T12:04:59.999Z', 3),"
                + " (" + tenant + ", 1, '2026-03-01T12:05:00Z', 7), (" + tenant + ", 2, '2026-03-01T12:07:00Z', -2)");
        // A stale rollup of the span is replaced, not added to.
        execute("INSERT INTO samples_5m VALUES (1, " + tenant + ", '2026-03-01T12:00:00Z', 9, 9, 9, 9)");

        // 12:03 lies in the 12:00 bucket, 12:06 in the 12:05 one: both buckets are recomputed whole.
        assertThat(scalar("SELECT secumon_rollup_samples('2026-03-01T12:03:00Z', '2026-03-01T12:06:00Z')"))
                .isEqualTo(3);

        assertThat(rows("SELECT series_id || ' ' || to_char(bucket AT TIME ZONE 'UTC', 'HH24:MI') || ' ' || count"
                + " || ' ' || sum || ' ' || min || ' ' || max FROM samples_5m ORDER BY series_id, bucket"))
                .containsExactly("1 12:00 3 9 1 5", "1 12:05 1 7 7 7", "2 12:05 1 -2 -2 -2");
        assertThat(scalar("SELECT count(*) FROM samples_5m_p20260301")).isEqualTo(3);
    }

    @Test
    void credentials_keepOnlyA32ByteHash() throws SQLException {
        SchemaMigrations.migrate(dataSource);
        execute("INSERT INTO tenants (id, name) VALUES ('00000000-0000-0000-0000-000000000001', 't')");
        execute("INSERT INTO agents (id, tenant_id, name) VALUES ('00000000-0000-0000-0000-000000000002',"
                + " '00000000-0000-0000-0000-000000000001', 'a')");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> execute(
                "INSERT INTO agent_credentials (id, tenant_id, agent_id, token_sha256) VALUES (gen_random_uuid(),"
                        + " '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', 'abc')"))
                .hasMessageContaining("token_sha256");
    }

    @Test
    void aStoredBatch_notifiesItsTenantAndAgent_whenItsTransactionCommits() throws SQLException {
        SchemaMigrations.migrate(dataSource);
        try (Connection listener = dataSource.getConnection(); Connection writer = dataSource.getConnection()) {
            try (Statement listen = listener.createStatement()) {
                listen.execute("LISTEN secumon_samples");
            }
            writer.setAutoCommit(false);
            try (Statement insert = writer.createStatement()) {
                insert.execute("INSERT INTO ingested_batches (batch_id, tenant_id, agent_id, sample_count, received_at)"
                        + " VALUES (gen_random_uuid(), '00000000-0000-0000-0000-00000000000a',"
                        + " '00000000-0000-0000-0000-00000000000b', 1, now())");
            }
            PGConnection pg = listener.unwrap(PGConnection.class);
            assertThat(pg.getNotifications(200)).isNullOrEmpty(); // not before the commit
            writer.commit();

            PGNotification[] notifications = pg.getNotifications(5_000);
            assertThat(notifications).extracting(PGNotification::getParameter).containsExactly(
                    "00000000-0000-0000-0000-00000000000a:00000000-0000-0000-0000-00000000000b");
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> rows(String sql) {
        return Sql.column(dataSource, sql).stream().map(String::valueOf).toList();
    }

    private long scalar(String sql) {
        return ((Number) Sql.value(dataSource, sql)).longValue();
    }
}
