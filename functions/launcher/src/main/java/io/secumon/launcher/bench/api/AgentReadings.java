package io.secumon.launcher.bench.api;

import io.secumon.proto.v1.CanonicalSeries;
import io.secumon.proto.v1.MetricKind;
import io.secumon.proto.v1.Sample;
import io.secumon.proto.v1.SampleBatch;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;

/**
 * One agent's series and the values it reported last, from which it makes its next batch:
 * every series once, each value moved a small random step on from the previous one, so
 * that what {@link FleetReports} stores looks like an agent carrying on rather than noise.
 * Not thread-safe: one reporting thread owns all agents.
 */
final class AgentReadings {

    /** Largest step of a gauge, as a fraction of its value, either way. */
    static final double GAUGE_STEP = 0.02;

    // Labels come back as sorted key and value arrays: no JSON parser needed, and the store
    // encodes them to the same jsonb, so it finds the loaded series instead of adding new ones.
    private static final String READ = """
            SELECT s.agent_id, s.metric, s.kind, l.value,
                   ARRAY(SELECT key FROM jsonb_each_text(s.labels) ORDER BY key),
                   ARRAY(SELECT value FROM jsonb_each_text(s.labels) ORDER BY key)
              FROM series s JOIN series_latest l ON l.series_id = s.id
             WHERE s.tenant_id = ?
             ORDER BY s.agent_id, s.id""";

    private final UUID tenant;
    private final UUID agent;
    private final List<CanonicalSeries> series;
    private final double[] values;

    private AgentReadings(UUID tenant, UUID agent, List<CanonicalSeries> series, List<Double> values) {
        this.tenant = tenant;
        this.agent = agent;
        this.series = List.copyOf(series);
        this.values = values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The agents of {@code tenant} that have series with a latest value, in a stable order. */
    static List<AgentReadings> read(DataSource dataSource, UUID tenant) throws SQLException {
        Map<UUID, List<CanonicalSeries>> series = new LinkedHashMap<>();
        Map<UUID, List<Double>> values = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(READ)) {
            select.setObject(1, tenant);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    UUID agent = rows.getObject(1, UUID.class);
                    series.computeIfAbsent(agent, a -> new ArrayList<>()).add(CanonicalSeries.newBuilder()
                            .setMetric(rows.getString(2))
                            .setKind("counter".equals(rows.getString(3)) ? MetricKind.METRIC_KIND_COUNTER
                                    : MetricKind.METRIC_KIND_GAUGE)
                            .putAllLabels(labels(rows.getArray(5), rows.getArray(6)))
                            .build());
                    values.computeIfAbsent(agent, a -> new ArrayList<>()).add(rows.getDouble(4));
                }
            }
        }
        List<AgentReadings> agents = new ArrayList<>(series.size());
        series.forEach((agent, list) -> agents.add(new AgentReadings(tenant, agent, list, values.get(agent))));
        return agents;
    }

    UUID agent() {
        return agent;
    }

    int seriesCount() {
        return series.size();
    }

    /** The agent's next batch, all its series sampled at {@code nowMs}; moves the remembered values on. */
    SampleBatch next(long nowMs, RandomGenerator random) {
        SampleBatch.Builder batch = SampleBatch.newBuilder()
                .setBatchId(UUID.randomUUID().toString())
                .setTenantId(tenant.toString())
                .setAgentId(agent.toString())
                .setBaseTimeUnixMs(nowMs)
                .setReceivedAtUnixMs(nowMs)
                .addAllSeries(series);
        for (int s = 0; s < values.length; s++) {
            CanonicalSeries one = series.get(s);
            values[s] = step(values[s], one.getKind(), one.getMetric(), random.nextDouble());
            batch.addSamples(Sample.newBuilder().setSeries(s).setValue(values[s]));
        }
        return batch.build();
    }

    /**
     * {@code value} moved on by {@code u} (uniform in [0, 1)): a gauge by up to
     * {@value #GAUGE_STEP} of itself either way, never below 0 and, for a {@code _percent}
     * metric, never above 100; a counter only up (by at least 1, so that one at 0 moves too).
     */
    static double step(double value, MetricKind kind, String metric, double u) {
        if (kind == MetricKind.METRIC_KIND_COUNTER) {
            return value + Math.max(1, value * GAUGE_STEP * u);
        }
        double next = Math.max(0, value * (1 + GAUGE_STEP * (2 * u - 1)));
        return metric.endsWith("_percent") ? Math.min(100, next) : next;
    }

    private static Map<String, String> labels(Array keys, Array values) throws SQLException {
        String[] k = (String[]) keys.getArray();
        String[] v = (String[]) values.getArray();
        Map<String, String> labels = new HashMap<>(k.length * 2);
        for (int i = 0; i < k.length; i++) {
            labels.put(k[i], v[i]);
        }
        return labels;
    }
}
