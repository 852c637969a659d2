package io.secumon.launcher.bench.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;

/**
 * What the clients ask for: a random agent of the tenant, and for a range a random series'
 * metric (so a metric with several series, like {@code filesystem.used_percent} of two
 * mounts, comes up as often as it has series, and its range returns all of them).
 *
 * @param metrics one entry per series of an agent (every agent has the same series)
 */
record Targets(List<UUID> agents, List<String> metrics) {

    Targets {
        agents = List.copyOf(agents);
        metrics = List.copyOf(metrics);
        if (agents.isEmpty() || metrics.isEmpty()) {
            throw new IllegalStateException("no agents or no series to query: load data first (without --reuse-data)");
        }
    }

    static Targets of(Fleet fleet) {
        return new Targets(fleet.agents(), fleet.series().stream().map(SeriesCatalog.Shape::metric).toList());
    }

    /** The targets of what an earlier run loaded for {@code tenant}. */
    static Targets read(DataSource dataSource, UUID tenant) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            List<UUID> agents = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM agents WHERE tenant_id = ? ORDER BY name")) {
                select.setObject(1, tenant);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        agents.add(rows.getObject(1, UUID.class));
                    }
                }
            }
            List<String> metrics = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT metric FROM series WHERE tenant_id = ? AND agent_id = ? ORDER BY id")) {
                select.setObject(1, tenant);
                select.setObject(2, agents.isEmpty() ? new UUID(0, 0) : agents.getFirst());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        metrics.add(rows.getString(1));
                    }
                }
            }
            return new Targets(agents, metrics);
        }
    }

    UUID agent(RandomGenerator random) {
        return agents.get(random.nextInt(agents.size()));
    }

    String metric(RandomGenerator random) {
        return metrics.get(random.nextInt(metrics.size()));
    }
}
