package io.secumon.api.metrics;

import io.secumon.pipeline.credential.BearerTokens;
import io.secumon.proto.v1.CanonicalSeries;
import io.secumon.proto.v1.MetricKind;
import io.secumon.proto.v1.Sample;
import io.secumon.proto.v1.SampleBatch;
import io.secumon.schema.SchemaMigrations;
import io.secumon.store.SampleWriter;
import io.secumon.store.SeriesIdCache;
import io.secumon.testing.Sql;
import io.secumon.testing.TestDatabase;
import io.secumon.testing.TestServices;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A migrated database of its own for one test class, with tenants, agents and API keys
 * inserted as enrolment and key issuing would, and samples stored by the real store
 * function ({@link SampleWriter}). Closing it drops the database.
 */
public final class MetricsTestData implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A tenant, one of its agents and an API key of the tenant. */
    public record Enrolled(UUID tenant, UUID agent, String apiKey) {
    }

    private final TestDatabase database;
    private final SampleWriter writer;

    private MetricsTestData(TestDatabase database) {
        this.database = database;
        this.writer = new SampleWriter(database.dataSource(), new SeriesIdCache(10_000), Clock.systemUTC());
    }

    public static MetricsTestData create() {
        TestDatabase database = TestServices.postgres().createDatabase();
        SchemaMigrations.migrate(database.dataSource());
        return new MetricsTestData(database);
    }

    public TestDatabase database() {
        return database;
    }

    /** Points the api under test at this database. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("secumon.db.url", database::jdbcUrl);
        registry.add("secumon.db.user", database::username);
        registry.add("secumon.db.password", database::password);
    }

    /** A new tenant with an agent and an API key. */
    public Enrolled enrol() {
        UUID tenant = UUID.randomUUID();
        execute("INSERT INTO tenants (id, name) VALUES (?, ?)", tenant, "tenant-" + tenant);
        String key = BearerTokens.generate(RANDOM, BearerTokens.API_KEY);
        execute("INSERT INTO api_keys (id, tenant_id, name, key_sha256) VALUES (?, ?, ?, ?)",
                UUID.randomUUID(), tenant, "test", BearerTokens.sha256(key));
        return new Enrolled(tenant, addAgent(tenant), key);
    }

    /** Another agent of {@code tenant}. */
    public UUID addAgent(UUID tenant) {
        UUID agent = UUID.randomUUID();
        execute("INSERT INTO agents (id, tenant_id, name) VALUES (?, ?, ?)", agent, tenant, "agent-" + agent);
        return agent;
    }

    /** Stores {@code batch} as the store function does (and so notifies live listeners at commit). */
    public void write(SampleBatch batch) {
        writer.write(batch);
    }

    /** Stores a batch of one sample of an unlabelled gauge. */
    public void writeGauge(UUID tenant, UUID agent, String metric, double value, Instant at) {
        write(batch(tenant, agent).gauge(metric, value, at).build());
    }

    /** A batch of {@code agent}'s samples. */
    public static Batch batch(UUID tenant, UUID agent) {
        return new Batch(tenant, agent);
    }

    public void execute(String sql, Object... parameters) {
        Sql.execute(database.dataSource(), sql, parameters);
    }

    @Override
    public void close() {
        database.close();
    }

    /** Builds a canonical {@link SampleBatch}: one series entry per (metric, labels). */
    public static final class Batch {

        private final SampleBatch.Builder batch;
        private final Map<CanonicalSeries, Integer> series = new HashMap<>();

        private Batch(UUID tenant, UUID agent) {
            batch = SampleBatch.newBuilder()
                    .setBatchId(UUID.randomUUID().toString())
                    .setTenantId(tenant.toString())
                    .setAgentId(agent.toString())
                    .setBaseTimeUnixMs(0)
                    .setReceivedAtUnixMs(System.currentTimeMillis());
        }

        public Batch gauge(String metric, double value, Instant at) {
            return gauge(metric, Map.of(), value, at);
        }

        public Batch gauge(String metric, Map<String, String> labels, double value, Instant at) {
            CanonicalSeries key = CanonicalSeries.newBuilder().setMetric(metric).putAllLabels(labels)
                    .setKind(MetricKind.METRIC_KIND_GAUGE).build();
            int index = series.computeIfAbsent(key, k -> {
                batch.addSeries(k);
                return batch.getSeriesCount() - 1;
            });
            batch.addSamples(Sample.newBuilder().setSeries(index).setValue(value).setOffsetMs(at.toEpochMilli()));
            return this;
        }

        public SampleBatch build() {
            return batch.build();
        }
    }
}
