package io.secumon.launcher.bench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.secumon.schema.SchemaMigrations;
import io.secumon.testing.TestDatabase;
import io.secumon.testing.TestServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FleetReportsTest {

    private static final int AGENTS = 3;
    private static final int SERIES = 7;

    @Test
    void everyAgentKeepsStoringBatches_throughTheStore() throws Exception {
        try (TestDatabase db = TestServices.postgres().createDatabase();
             HikariDataSource pool = pool(db)) {
            UUID tenant = load(db, Fleet.ending(Instant.now(), UUID.randomUUID(), AGENTS, SERIES, 10));
            long rollupSamplesBefore;
            long samplesBefore;
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                rollupSamplesBefore = longs(s, "SELECT sum(count) FROM samples_5m");
                samplesBefore = longs(s, "SELECT count(*) FROM samples");
                s.execute("CREATE TABLE latest_before AS SELECT series_id, ts FROM series_latest");
            }

            FleetReports reports = FleetReports.start(pool, tenant, Duration.ofMillis(300), Clock.systemUTC());
            assertThat(reports.agents()).isEqualTo(AGENTS);
            Thread.sleep(1000);
            reports.close();
            FleetReports.Totals totals = reports.totals();

            assertThat(totals.failures()).isZero();
            assertThat(totals.failureExamples()).isEmpty();
            // At 300 ms over 1 s, about three rounds; at least every agent once.
            assertThat(totals.batches()).isGreaterThanOrEqualTo(AGENTS);
            assertThat(totals.samples()).isEqualTo(totals.batches() * SERIES);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                assertThat(longs(s, "SELECT count(*) FROM ingested_batches")).isEqualTo(totals.batches());
                assertThat(longs(s, "SELECT count(DISTINCT agent_id) FROM ingested_batches WHERE tenant_id = '"
                        + tenant + "' AND sample_count = " + SERIES)).isEqualTo(AGENTS);
                assertThat(longs(s, "SELECT count(*) FROM samples")).isEqualTo(samplesBefore + totals.samples());
                assertThat(longs(s, "SELECT sum(count) FROM samples_5m"))
                        .isEqualTo(rollupSamplesBefore + totals.samples());
                // The loaded series were found again, not duplicated, and each moved on.
                assertThat(longs(s, "SELECT count(*) FROM series")).isEqualTo(AGENTS * SERIES);
                assertThat(longs(s, "SELECT count(*) FROM series_latest l JOIN latest_before b USING (series_id)"
                        + " WHERE l.ts > b.ts")).isEqualTo(AGENTS * SERIES);
                assertThat(longs(s, "SELECT count(*) FROM series_latest l JOIN series x ON x.id = l.series_id"
                        + " WHERE x.metric LIKE '%\\_percent' AND (l.value < 0 OR l.value > 100)")).isZero();
            }
        }
    }

    @Test
    void batchesTheDatabaseRefuses_areCountedWithTheirReasons() throws Exception {
        try (TestDatabase db = TestServices.postgres().createDatabase();
             HikariDataSource pool = pool(db)) {
            UUID tenant = load(db, Fleet.ending(Instant.now(), UUID.randomUUID(), AGENTS, SERIES, 10));
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                // Fails every batch's first statement, and not transiently: the writer gives up at once.
                s.execute("ALTER TABLE ingested_batches ADD CONSTRAINT refuse_all CHECK (false) NOT VALID");
            }

            FleetReports reports = FleetReports.start(pool, tenant, Duration.ofMillis(100), Clock.systemUTC());
            Thread.sleep(500);
            reports.close();
            FleetReports.Totals totals = reports.totals();

            assertThat(totals.batches()).isZero();
            assertThat(totals.samples()).isZero();
            assertThat(totals.failures()).isGreaterThanOrEqualTo(AGENTS);
            assertThat(totals.failureExamples()).hasSizeBetween(1, 5)
                    .allSatisfy(e -> assertThat(e).startsWith("agent ").contains("refuse_all"));
        }
    }

    @Test
    void aTenantWithoutSeries_isRefused() throws Exception {
        try (TestDatabase db = TestServices.postgres().createDatabase();
             HikariDataSource pool = pool(db)) {
            SchemaMigrations.migrate(db.dataSource());
            UUID tenant = UUID.randomUUID();

            assertThatThrownBy(() -> FleetReports.start(pool, tenant, Duration.ofSeconds(60), Clock.systemUTC()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no series");
        }
    }

    /** Loads {@code fleet} as the benchmark does: agents, series, samples, then their rollups. */
    private static UUID load(TestDatabase db, Fleet fleet) throws Exception {
        SchemaMigrations.migrate(db.dataSource());
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO tenants (id, name) VALUES ('" + fleet.tenant() + "', 't')");
        }
        LocalDate first = LocalDate.ofInstant(Instant.ofEpochSecond(fleet.firstMinute() * 60), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(Instant.ofEpochSecond(fleet.lastMinute() * 60), ZoneOffset.UTC);
        SamplesTable table = new SamplesTable(db.dataSource());
        table.prepare(first, last);
        FleetLoader.load(db.dataSource(), fleet);
        new SampleLoader(db.dataSource(), fleet, 1).load(new PrintStream(new ByteArrayOutputStream()));
        table.buildIndexes();
        table.rollUp(first, last, 1);
        return fleet.tenant();
    }

    private static HikariDataSource pool(TestDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.username());
        config.setPassword(db.password());
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    private static long longs(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
