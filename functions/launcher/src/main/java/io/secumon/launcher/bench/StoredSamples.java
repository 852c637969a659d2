package io.secumon.launcher.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** What the pipeline stored for one tenant, read back from PostgreSQL. */
public final class StoredSamples {

    /** Rows stored and distinct values among them (values are unique per pushed sample). */
    public record Counts(long rows, long distinctValues) {
        public long duplicated() {
            return rows - distinctValues;
        }
    }

    private final DataSource dataSource;

    public StoredSamples(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Counts counts(UUID tenant) {
        return query("SELECT count(*), count(DISTINCT value) FROM samples WHERE tenant_id = ?", tenant,
                rs -> new Counts(rs.getLong(1), rs.getLong(2)));
    }

    /** Rows stored for one agent of the tenant. */
    public Counts counts(UUID tenant, UUID agent) {
        return query("""
                SELECT count(*), count(DISTINCT s.value) FROM samples s JOIN series r ON r.id = s.series_id
                WHERE s.tenant_id = ? AND r.agent_id = '%s'""".formatted(agent), tenant,
                rs -> new Counts(rs.getLong(1), rs.getLong(2)));
    }

    /** Batch id -> when its storage committed (ms since the epoch). */
    public Map<String, Long> committedAtMs(UUID tenant) {
        return query("""
                SELECT batch_id::text, (extract(epoch FROM committed_at) * 1000)::bigint
                FROM ingested_batches WHERE tenant_id = ?""", tenant, rs -> {
            Map<String, Long> out = new HashMap<>();
            do {
                out.put(rs.getString(1), rs.getLong(2));
            } while (rs.next());
            return out;
        }, Map.of());
    }

    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, UUID tenant, Reader<T> reader) {
        return query(sql, tenant, reader, null);
    }

    private <T> T query(String sql, UUID tenant, Reader<T> reader, T whenEmpty) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, tenant);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? reader.read(rs) : whenEmpty;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read stored samples: " + e.getMessage(), e);
        }
    }
}
