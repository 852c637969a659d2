package io.secumon.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secumon.edge.auth.EnrolledAgent;
import io.secumon.edge.auth.Enrollment;
import io.secumon.edge.publish.AcceptedBatch;
import io.secumon.edge.publish.PublishException;
import io.secumon.normalize.Normalizer;
import io.secumon.pipeline.batch.MetricBatchBuilder;
import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.schema.SchemaMigrations;
import io.secumon.store.SampleWriter;
import io.secumon.store.SeriesIdCache;
import io.secumon.testing.TestDatabase;
import io.secumon.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainedFunctionsTest {

    @TempDir
    Path deadLetterDirectory;

    private TestDatabase database;
    private EnrolledAgent agent;
    private ChainedFunctions chain;

    @BeforeEach
    void setUp() {
        database = TestServices.postgres().createDatabase();
        SchemaMigrations.migrate(database.dataSource());
        agent = Enrollment.enroll(database.dataSource(), "chained", "agent-1");
        chain = new ChainedFunctions(new Normalizer(),
                new SampleWriter(database.dataSource(), new SeriesIdCache(1000), Clock.systemUTC()),
                new DeadLetters(deadLetterDirectory), 2, 16, Duration.ofSeconds(10));
    }

    @AfterEach
    void tearDown() {
        chain.close();
        database.close();
    }

    @Test
    void publish_completesOnlyOnceTheNormalizedSamplesAreCommitted() throws Exception {
        MetricBatch batch = new MetricBatchBuilder(AgentIdentity.newBuilder().setAgentId(agent.agentId().toString())
                .build(), System.currentTimeMillis())
                .gauge("CPU.Usage%", Map.of(), 42.5, System.currentTimeMillis())
                .build();

        chain.publish(accepted(batch.getBatchId(), batch.toByteArray())).get(10, TimeUnit.SECONDS);

        // Canonical name: normalize ran before store.
        assertThat(query("SELECT r.metric || '=' || s.value FROM samples s JOIN series r ON r.id = s.series_id"))
                .isEqualTo("cpu.usage_percent=42.5");
    }

    @Test
    void publish_sameBatchTwice_storesItOnce() throws Exception {
        MetricBatch batch = new MetricBatchBuilder(AgentIdentity.newBuilder().setAgentId(agent.agentId().toString())
                .build(), System.currentTimeMillis())
                .gauge("memory.used_bytes", Map.of(), 1024, System.currentTimeMillis())
                .build();

        chain.publish(accepted(batch.getBatchId(), batch.toByteArray())).get(10, TimeUnit.SECONDS);
        chain.publish(accepted(batch.getBatchId(), batch.toByteArray())).get(10, TimeUnit.SECONDS);

        assertThat(query("SELECT count(*) FROM samples")).isEqualTo("1");
    }

    @Test
    void publish_batchThatCanNeverBeStored_isKeptAsDeadLetter_andCompletes() throws Exception {
        String batchId = UUID.randomUUID().toString();
        byte[] garbage = "not a MetricBatch".getBytes(StandardCharsets.UTF_8);

        chain.publish(accepted(batchId, garbage)).get(10, TimeUnit.SECONDS);

        assertThat(deadLetterDirectory.resolve(batchId + ".metricbatch")).hasBinaryContent(garbage);
        assertThat(deadLetterDirectory.resolve(batchId + ".txt")).content().contains("agent " + agent.agentId());
        assertThat(query("SELECT count(*) FROM ingested_batches")).isEqualTo("0");
    }

    @Test
    void publish_afterClose_failsSoTheAgentKeepsTheBatch() {
        chain.close();

        CompletableFuture<Void> publish = chain.publish(accepted(UUID.randomUUID().toString(), new byte[0]));

        assertThatThrownBy(() -> publish.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(PublishException.class);
    }

    private AcceptedBatch accepted(String batchId, byte[] body) {
        return new AcceptedBatch(batchId, agent.tenantId(), agent.agentId(), System.currentTimeMillis(), body, 1);
    }

    private String query(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
