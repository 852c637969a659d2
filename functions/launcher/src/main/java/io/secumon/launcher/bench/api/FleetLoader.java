package io.secumon.launcher.bench.api;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Writes a {@link Fleet}'s agents (online, seen now), its series (with the fleet's ids) and
 * their latest values, with COPY. The samples themselves are {@link SampleLoader}'s job.
 */
final class FleetLoader {

    private FleetLoader() {
    }

    static void load(DataSource dataSource, Fleet fleet) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            copy(connection, "COPY agents (id, tenant_id, name, hostname, ip_addresses, os, os_version, arch, version,"
                    + " status, last_seen, labels) FROM STDIN", agents(fleet));
            // COPY writes the given ids into the identity column, like INSERT ... OVERRIDING SYSTEM VALUE.
            copy(connection, "COPY series (id, tenant_id, agent_id, metric, labels, kind) FROM STDIN", series(fleet));
            copy(connection, "COPY series_latest (series_id, tenant_id, ts, value) FROM STDIN", latest(fleet));
            try (Statement statement = connection.createStatement()) {
                // Later inserts (a real agent sending to this database) must not collide with our ids.
                statement.execute("SELECT setval(pg_get_serial_sequence('series', 'id'), (SELECT max(id) FROM series))");
            }
            connection.commit();
        }
    }

    private static String agents(Fleet fleet) {
        StringBuilder rows = new StringBuilder();
        String now = Instant.now().toString();
        for (int a = 0; a < fleet.agents().size(); a++) {
            String name = Fleet.name(a);
            rows.append(fleet.agents().get(a)).append('\t').append(fleet.tenant()).append('\t')
                    .append(name).append('\t').append(name).append(".example.net\t")
                    .append("{10.%d.%d.%d}".formatted(a >> 16 & 255, a >> 8 & 255, a & 255)).append('\t')
                    .append("linux\tDebian GNU/Linux 12\tamd64\t0.1.0\tonline\t").append(now).append('\t')
                    .append("{\"env\": \"bench\", \"site\": \"site-").append(a % 10).append("\"}\n");
        }
        return rows.toString();
    }

    private static String series(Fleet fleet) {
        StringBuilder rows = new StringBuilder();
        for (int a = 0; a < fleet.agents().size(); a++) {
            for (int s = 0; s < fleet.series().size(); s++) {
                SeriesCatalog.Shape shape = fleet.series().get(s);
                rows.append(fleet.seriesId(a, s)).append('\t').append(fleet.tenant()).append('\t')
                        .append(fleet.agents().get(a)).append('\t').append(shape.metric()).append('\t')
                        .append(shape.labelsJson()).append("\tgauge\n");
            }
        }
        return rows.toString();
    }

    private static String latest(Fleet fleet) {
        StringBuilder rows = new StringBuilder();
        long minute = fleet.lastMinute();
        String ts = Instant.ofEpochSecond(minute * 60).toString();
        for (int a = 0; a < fleet.agents().size(); a++) {
            for (int s = 0; s < fleet.series().size(); s++) {
                rows.append(fleet.seriesId(a, s)).append('\t').append(fleet.tenant()).append('\t').append(ts)
                        .append('\t').append(fleet.value(a, s, minute)).append('\n');
            }
        }
        return rows.toString();
    }

    private static void copy(Connection connection, String sql, String rows) throws SQLException, IOException {
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows));
    }
}
