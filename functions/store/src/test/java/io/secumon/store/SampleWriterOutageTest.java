package io.secumon.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.secumon.testing.PostgresServer;
import io.secumon.testing.TcpProxy;
import io.secumon.testing.TestServices;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SampleWriter} while the database becomes unreachable and comes back. */
class SampleWriterOutageTest {

    private StoreDatabase db;
    private TcpProxy proxy;
    private HikariDataSource proxied;

    @BeforeEach
    void setUp() throws Exception {
        db = StoreDatabase.create();
        PostgresServer server = TestServices.postgres();
        proxy = TcpProxy.start(server.host(), server.port());
        proxied = db.pool("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.database().name(), 2);
    }

    @AfterEach
    void tearDown() {
        proxied.close();
        proxy.close();
        db.close();
    }

    @Test
    void write_duringAnOutage_waitsForTheDatabase_andStoresTheBatchOnce() throws Exception {
        StoreDatabase.Agent agent = db.enrolAgent();
        SampleWriter writer = new SampleWriter(proxied, new SeriesIdCache(1_000), Clock.systemUTC());
        long now = System.currentTimeMillis();
        writer.write(new BatchBuilder(agent.tenant(), agent.agent(), now - 1_000)
                .gauge("cpu.usage_percent", Map.of(), 1, now - 1_000).build()); // pooled connections now live

        proxy.cut();
        CompletableFuture<WriteResult> during = CompletableFuture.supplyAsync(() -> writer.write(
                new BatchBuilder(agent.tenant(), agent.agent(), now)
                        .gauge("cpu.usage_percent", Map.of(), 2, now)
                        .gauge("mem.used_bytes", Map.of(), 3, now)
                        .build()));
        Thread.sleep(1_000);
        boolean finishedWhileCut = during.isDone();
        proxy.restore();
        WriteResult result = during.get(30, TimeUnit.SECONDS);

        assertThat(finishedWhileCut).as("write returned while the database was unreachable").isFalse();
        assertThat(result.outcome()).isEqualTo(WriteResult.Outcome.STORED);
        assertThat(db.count("samples")).isEqualTo(3);
        assertThat(db.count("ingested_batches")).isEqualTo(2);
        assertThat(db.value("SELECT value FROM series_latest l JOIN series s ON s.id = l.series_id"
                + " WHERE s.metric = 'cpu.usage_percent'")).isEqualTo(2.0);
    }
}
