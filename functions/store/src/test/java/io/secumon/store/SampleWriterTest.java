package io.secumon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secumon.pipeline.poison.PoisonMessageException;
import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.Sample;
import io.secumon.proto.v1.SampleBatch;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SampleWriter} against a real, freshly migrated PostgreSQL database. */
class SampleWriterTest {

    private static final long NOW = Instant.parse("2026-11-21T12:00:00Z").toEpochMilli();

    private StoreDatabase db;
    private StoreDatabase.Agent agent;
    private SampleWriter writer;

    @BeforeEach
    void setUp() {
        db = StoreDatabase.create();
        agent = db.enrolAgent();
        writer = newWriter();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void write_storesSamplesSeriesLatestValuesAndAgentPresence() {
        SampleBatch batch = batch(NOW)
                .gauge("cpu.usage_percent", Map.of("core", "0"), 10.0, NOW - 10_000)
                .gauge("cpu.usage_percent", Map.of("core", "0"), 12.5, NOW)
                .gauge("cpu.usage_percent", Map.of("core", "1"), 7.0, NOW)
                .counter("net.received_bytes", Map.of("interface", "eth0"), 1.5e12, NOW)
                .identity(AgentIdentity.newBuilder().setAgentId(agent.agent().toString()).setHostname("web-1")
                        .setOs("linux").setOsVersion("12").setArch("amd64").setAgentVersion("0.1.0")
                        .addIpAddresses("10.0.0.5").putLabels("env", "prod").build())
                .build().toBuilder().setSequence(42).build();

        WriteResult result = writer.write(batch);

        assertThat(result).isEqualTo(new WriteResult(WriteResult.Outcome.STORED, 4, 3));
        assertThat(db.count("samples")).isEqualTo(4);
        assertThat(db.count("series")).isEqualTo(3);
        assertThat(db.value("SELECT value FROM series_latest l JOIN series s ON s.id = l.series_id"
                + " WHERE s.labels = '{\"core\": \"0\"}'")).isEqualTo(12.5);
        assertThat(db.value("SELECT l.ts = ? FROM series_latest l JOIN series s ON s.id = l.series_id"
                + " WHERE s.labels = '{\"core\": \"0\"}'", OffsetDateTime.ofInstant(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)))
                .as("latest is the newest sample of the series").isEqualTo(true);
        assertThat(db.value("SELECT value FROM samples s JOIN series r ON r.id = s.series_id WHERE r.kind = 'counter'"))
                .as("counters are stored as their raw cumulative value").isEqualTo(1.5e12);
        assertThat(db.value("SELECT count(*) FROM ingested_batches WHERE batch_id = ?::uuid AND sample_count = 4"
                + " AND sequence = 42", batch.getBatchId())).isEqualTo(1L);
        assertThat(db.value("SELECT status || ' ' || last_seen::text || ' ' || hostname || ' ' || os || ' '"
                + " || os_version || ' ' || arch || ' ' || version || ' ' || ip_addresses::text || ' '"
                + " || reported_labels::text || ' ' || labels::text"
                + " FROM agents WHERE id = ?", agent.agent()))
                .isEqualTo("online " + db.value("SELECT ?::timestamptz::text", "2026-11-21T12:00:00Z")
                        + " web-1 linux 12 amd64 0.1.0 {10.0.0.5} {\"env\": \"prod\"} {}");
    }

    @Test
    void write_sameBatchTwice_storesItOnce() {
        SampleBatch batch = batch(NOW).gauge("mem.used_bytes", Map.of(), 1024, NOW).build();

        WriteResult first = writer.write(batch);
        WriteResult second = writer.write(batch);

        assertThat(first.outcome()).isEqualTo(WriteResult.Outcome.STORED);
        assertThat(second).isEqualTo(new WriteResult(WriteResult.Outcome.DUPLICATE, 0, 0));
        assertThat(db.count("samples")).isEqualTo(1);
        assertThat(db.count("ingested_batches")).isEqualTo(1);
    }

    @Test
    void write_batchesSharingSeries_reuseSeriesIds_alsoAfterARestart() {
        writer.write(batch(NOW - 60_000).gauge("disk.used_bytes", Map.of("mount", "/"), 1, NOW - 60_000).build());
        writer.write(batch(NOW - 30_000).gauge("disk.used_bytes", Map.of("mount", "/"), 2, NOW - 30_000).build());
        WriteResult afterRestart = newWriter().write(batch(NOW)
                .gauge("disk.used_bytes", Map.of("mount", "/"), 3, NOW)
                .gauge("disk.used_bytes", Map.of("mount", "/var"), 4, NOW)
                .build());

        assertThat(afterRestart.seriesCreated()).isEqualTo(1);
        assertThat(db.count("series")).isEqualTo(2);
        assertThat(db.column("SELECT count(*) FROM samples GROUP BY series_id ORDER BY 1")).containsExactly(1L, 3L);
        assertThat(db.value("SELECT value FROM series_latest l JOIN series s ON s.id = l.series_id"
                + " WHERE s.labels ->> 'mount' = '/'")).isEqualTo(3.0);
    }

    @Test
    void write_samplesOnTwoDays_landInTheirDayPartitions() {
        long lateYesterday = Instant.parse("2026-11-20T23:59:59.999Z").toEpochMilli();
        long earlyToday = Instant.parse("2026-11-21T00:00:00Z").toEpochMilli();

        writer.write(batch(NOW)
                .gauge("load.average_1m", Map.of(), 0.5, lateYesterday)
                .gauge("load.average_1m", Map.of(), 0.7, earlyToday)
                .gauge("load.average_1m", Map.of(), 0.9, NOW)
                .build());

        assertThat(db.column("SELECT part || '=' || count(*) FROM (SELECT tableoid::regclass::text AS part FROM samples) p"
                + " GROUP BY part ORDER BY part"))
                .containsExactly("samples_p20261120=1", "samples_p20261121=2");
        assertThat(db.column("SELECT tablename FROM pg_tables WHERE tablename = 'samples_p20261122'"))
                .as("tomorrow's partition is created ahead of midnight").hasSize(1);
    }

    @Test
    void write_addsSamplesToTheirFiveMinuteRollups_acrossBatches_andARedeliveryCountsOnce() {
        long bucket = Instant.parse("2026-11-21T11:55:00Z").toEpochMilli();
        SampleBatch first = batch(NOW)
                .gauge("cpu.usage_percent", Map.of(), 10, bucket)
                .gauge("cpu.usage_percent", Map.of(), 30, bucket + 60_000)
                .gauge("cpu.usage_percent", Map.of(), -5, bucket + 299_999)
                .gauge("cpu.usage_percent", Map.of(), 50, NOW) // the next bucket
                .gauge("mem.used_bytes", Map.of(), 1e9, bucket + 120_000)
                .build();
        SampleBatch second = batch(NOW).gauge("cpu.usage_percent", Map.of(), 90, bucket + 240_000).build();

        writer.write(first);
        writer.write(second);
        writer.write(first);

        assertThat(db.column("SELECT s.metric || ' ' || to_char(r.bucket AT TIME ZONE 'UTC', 'HH24:MI') || ' ' || r.count"
                + " || ' ' || r.sum || ' ' || r.min || ' ' || r.max FROM samples_5m r JOIN series s ON s.id = r.series_id"
                + " ORDER BY s.metric, r.bucket"))
                .containsExactly("cpu.usage_percent 11:55 4 125 -5 90", "cpu.usage_percent 12:00 1 50 50 50",
                        "mem.used_bytes 11:55 1 1000000000 1000000000 1000000000");
        assertThat(db.value("SELECT count(*) FROM samples_5m_p20261121")).isEqualTo(3L);
        assertThat(db.value("SELECT count(*) FROM samples_5m r WHERE r.count <> (SELECT count(*) FROM samples x"
                + " WHERE x.series_id = r.series_id AND x.ts >= r.bucket AND x.ts < r.bucket + interval '5 minutes')"))
                .as("every rollup agrees with its samples").isEqualTo(0L);
    }

    @Test
    void write_olderBatchAfterNewerOne_keepsTheNewerLatestValue() {
        writer.write(batch(NOW).gauge("temp.celsius", Map.of(), 40, NOW).build());
        writer.write(batch(NOW - 60_000).gauge("temp.celsius", Map.of(), 30, NOW - 60_000).build());

        assertThat(db.value("SELECT value FROM series_latest")).isEqualTo(40.0);
        assertThat(db.count("samples")).isEqualTo(2);
    }

    @Test
    void write_disabledAgent_staysDisabledButIsSeen() {
        db.execute("UPDATE agents SET status = 'disabled' WHERE id = ?", agent.agent());

        writer.write(batch(NOW).gauge("up.bool", Map.of(), 1, NOW).build());

        assertThat(db.value("SELECT status || ' ' || (last_seen IS NOT NULL) FROM agents")).isEqualTo("disabled true");
    }

    @Test
    void write_sameBatchFromTwoThreads_storesItOnce() throws Exception {
        SampleBatch batch = batch(NOW)
                .gauge("cpu.usage_percent", Map.of("core", "0"), 1, NOW)
                .gauge("cpu.usage_percent", Map.of("core", "1"), 2, NOW)
                .build();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<WriteResult> one = threads.submit(() -> { start.await(); return writer.write(batch); });
            Future<WriteResult> two = threads.submit(() -> { start.await(); return newWriter().write(batch); });

            assertThat(List.of(one.get().outcome(), two.get().outcome()))
                    .containsExactlyInAnyOrder(WriteResult.Outcome.STORED, WriteResult.Outcome.DUPLICATE);
        } finally {
            threads.shutdownNow();
        }
        assertThat(db.count("samples")).isEqualTo(2);
        assertThat(db.count("series")).isEqualTo(2);
        assertThat(db.count("ingested_batches")).isEqualTo(1);
    }

    @Test
    void write_nonFiniteValues_areSkipped() {
        WriteResult result = writer.write(batch(NOW)
                .gauge("cpu.usage_percent", Map.of(), Double.NaN, NOW)
                .gauge("cpu.usage_percent", Map.of(), 3, NOW)
                .build());

        assertThat(result.samples()).isEqualTo(1);
        assertThat(db.count("samples")).isEqualTo(1);
    }

    @Test
    void write_batchWithoutSamples_isRecordedAndMarksTheAgentSeen() {
        WriteResult result = writer.write(batch(NOW).build());

        assertThat(result).isEqualTo(new WriteResult(WriteResult.Outcome.STORED, 0, 0));
        assertThat(db.count("ingested_batches")).isEqualTo(1);
        assertThat(db.value("SELECT status FROM agents")).isEqualTo("online");
    }

    @Test
    void write_whileALongQueryBlocksPartitionCreation_waitsAndThenStores() throws Exception {
        try (Connection reader = db.database().connect()) {
            reader.setAutoCommit(false);
            reader.createStatement().execute("SELECT count(*) FROM samples"); // holds its lock until rollback
            CompletableFuture<WriteResult> write = CompletableFuture.supplyAsync(() -> writer.write(
                    batch(NOW).gauge("cpu.usage_percent", Map.of(), 1, NOW).build()));

            Thread.sleep(4_000); // beyond the partition lock timeout: the writer backs off and retries
            assertThat(write).isNotDone();
            reader.rollback();

            assertThat(write.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(WriteResult.Outcome.STORED);
        }
        assertThat(db.column("SELECT DISTINCT tableoid::regclass::text FROM samples")).containsExactly("samples_p20261121");
    }

    @Test
    void write_rejectsBatchesThatCanNeverBeStored_asPoison() {
        SampleBatch good = batch(NOW).gauge("cpu.usage_percent", Map.of(), 1, NOW).build();

        assertThatThrownBy(() -> writer.write(good.toBuilder()
                .addSamples(Sample.newBuilder().setSeries(7).setValue(1)).build()))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("refers to series 7");
        assertThatThrownBy(() -> writer.write(good.toBuilder().setBatchId("").build()))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("batch_id");
        assertThatThrownBy(() -> writer.write(good.toBuilder().setTenantId("1-2-3-4-5").build()))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("tenant_id");
        assertThatThrownBy(() -> writer.write(batch(NOW).gauge("x.count", Map.of("k", "a\0b"), 1, NOW).build()))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("NUL");
        assertThat(db.count("ingested_batches")).isZero();
        assertThat(db.count("samples")).isZero();
    }

    private BatchBuilder batch(long baseMs) {
        return new BatchBuilder(agent.tenant(), agent.agent(), baseMs);
    }

    private SampleWriter newWriter() {
        return new SampleWriter(db.dataSource(), new SeriesIdCache(1_000), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    }
}
