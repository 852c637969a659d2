package io.secumon.launcher.bench.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.schema.SchemaMigrations;
import io.secumon.testing.TestDatabase;
import io.secumon.testing.TestServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SampleLoaderTest {

    private static final String INDEXES = "SELECT indexdef FROM pg_indexes WHERE tablename = 'samples' ORDER BY 1";

    @Test
    void loadsAcrossMidnight_intoDayPartitions_andRestoresTheIndexes() throws Exception {
        try (TestDatabase db = TestServices.postgres().createDatabase()) {
            SchemaMigrations.migrate(db.dataSource());
            UUID tenant = UUID.randomUUID();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO tenants (id, name) VALUES ('" + tenant + "', 't')");
            }
            // 30 minutes ending 00:10 UTC: two days.
            Fleet fleet = Fleet.ending(Instant.parse("2026-11-21T00:10:00Z"), tenant, 3, 7, 30);
            List<String> indexesBefore;
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                indexesBefore = strings(s, INDEXES);
            }
            SamplesTable table = new SamplesTable(db.dataSource());
            table.prepare(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 21));
            FleetLoader.load(db.dataSource(), fleet);

            long rows = new SampleLoader(db.dataSource(), fleet, 2).load(new PrintStream(new ByteArrayOutputStream()));
            table.buildIndexes();
            long rollups = table.rollUp(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 21), 2);
            table.vacuumAnalyze();

            assertThat(rows).isEqualTo(3 * 7 * 30);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                assertThat(longs(s, "SELECT count(*) FROM samples_default")).isZero();
                assertThat(longs(s, "SELECT count(*) FROM samples_p20261121")).isEqualTo(3 * 7 * 11);
                // The migrations' indexes again, valid, each also on every partition (default, two days).
                assertThat(strings(s, INDEXES)).isEqualTo(indexesBefore).isNotEmpty();
                assertThat(longs(s, "SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isZero();
                assertThat(longs(s, "SELECT count(*) FROM pg_indexes WHERE tablename LIKE 'samples\\_p%'"
                        + " OR tablename = 'samples_default'"))
                        .isEqualTo(3L * indexesBefore.size());
                try (ResultSet r = s.executeQuery("SELECT ts, value FROM samples WHERE series_id = "
                        + fleet.seriesId(2, 0) + " ORDER BY ts DESC LIMIT 1")) {
                    r.next();
                    assertThat(r.getObject(1, java.time.OffsetDateTime.class).toInstant())
                            .isEqualTo(Instant.parse("2026-11-21T00:10:00Z"));
                    assertThat(r.getDouble(2)).isEqualTo(fleet.value(2, 0, fleet.lastMinute()));
                }
                // 30 minutes from 23:41 to 00:10: buckets 23:40..00:10, seven per series.
                assertThat(rollups).isEqualTo(3 * 7 * 7);
                assertThat(longs(s, "SELECT sum(count) FROM samples_5m")).isEqualTo(rows);
                assertThat(longs(s, "SELECT count(*) FROM samples_5m_p20261120")).isEqualTo(3 * 7 * 4);
                assertThat(longs(s, "SELECT count(*) FROM series_latest l JOIN series x ON x.id = l.series_id"
                        + " WHERE x.metric = 'cpu.usage_percent'")).isEqualTo(3);
                assertThat(longs(s, "SELECT count(*) FROM agents WHERE status = 'online'")).isEqualTo(3);
            }
            assertThat(LocalDate.ofInstant(Instant.ofEpochSecond(fleet.firstMinute() * 60), ZoneOffset.UTC))
                    .isEqualTo(LocalDate.of(2026, 11, 20));
        }
    }

    private static List<String> strings(Statement s, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private static long longs(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
