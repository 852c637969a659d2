package io.secumon.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.secumon.api.DatabaseUrl;
import io.secumon.api.changes.SampleNotifications;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;

/**
 * {@link LatestCache} on a real database, with batches stored by the real store function
 * and announced by the real {@code secumon_samples} notifications. That a value is served
 * from memory shows as an outcome: a change written to {@code series_latest} behind the
 * store's back (so without a notification) is not seen until something invalidates it.
 */
class LatestCacheTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static MetricsTestData data;
    private static ConnectionFactory connections;
    private static LatestValues database;

    private SampleNotifications notifications;
    private MetricsTestData.Enrolled acme;

    @BeforeAll
    static void database() {
        data = MetricsTestData.create();
        connections = ConnectionFactories.get(DatabaseUrl.parse(data.database().jdbcUrl())
                .r2dbcOptions(data.database().username(), data.database().password()));
        database = new LatestValues(DatabaseClient.create(connections));
    }

    @AfterAll
    static void dropDatabase() {
        data.close();
    }

    @BeforeEach
    void listen() {
        notifications = new SampleNotifications(connections);
        notifications.start();
        await(notifications::listening);
        acme = data.enrol();
        // The first batch's notification must be in before a test's cache exists: arriving
        // later, it would refresh what the test expects to be served from memory.
        CountDownLatch notified = new CountDownLatch(1);
        Disposable listening = notifications.changes()
                .filter(key -> key.agent().equals(acme.agent()))
                .subscribe(key -> notified.countDown());
        data.write(MetricsTestData.batch(acme.tenant(), acme.agent())
                .gauge("cpu.usage_percent", 10, Instant.now().minusSeconds(60))
                .gauge("memory.used_percent", 50, Instant.now().minusSeconds(60))
                .build());
        try {
            assertThat(notified.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("first batch notified").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            listening.dispose();
        }
    }

    @AfterEach
    void stop() {
        notifications.stop();
    }

    @Test
    void of_servesFromMemory_untilTheAgentsNextBatchIsStored() {
        try (LatestCache cache = new LatestCache(database, notifications, Duration.ofMinutes(5))) {
            assertThat(cpu(cache)).isEqualTo(10.0);
            changeBehindTheStoresBack(acme.agent(), 99);

            assertThat(cpu(cache)).as("served from memory").isEqualTo(10.0);

            data.writeGauge(acme.tenant(), acme.agent(), "cpu.usage_percent", 20, Instant.now());
            await(() -> cpu(cache) == 20.0);
            assertThat(value(cache, "memory.used_percent")).as("read anew: the direct change shows too").isEqualTo(99.0);
        }
    }

    @Test
    void of_afterANotification_servesTheNewValuesFromMemoryAgain() {
        try (LatestCache cache = new LatestCache(database, notifications, Duration.ofMinutes(5))) {
            assertThat(cpu(cache)).isEqualTo(10.0);

            data.writeGauge(acme.tenant(), acme.agent(), "cpu.usage_percent", 20, Instant.now());
            await(() -> cpu(cache) == 20.0);
            changeBehindTheStoresBack(acme.agent(), 77);

            assertThat(cpu(cache)).as("read again when the batch was stored, and kept").isEqualTo(20.0);
        }
    }

    @Test
    void of_appliesTheMetricFilterToWhatItKeeps() {
        try (LatestCache cache = new LatestCache(database, notifications, Duration.ofMinutes(5))) {
            List<LatestValue> all = cache.of(acme.tenant(), acme.agent(), MetricFilter.all()).block();
            List<LatestValue> memory = cache.of(acme.tenant(), acme.agent(), MetricFilter.of(List.of("memory.*")))
                    .block();
            List<LatestValue> exact = cache.of(acme.tenant(), acme.agent(),
                    MetricFilter.of(List.of("cpu.usage_percent", "disk.busy_percent"))).block();

            assertThat(all).extracting(LatestValue::metric).containsExactly("cpu.usage_percent", "memory.used_percent");
            assertThat(memory).extracting(LatestValue::metric).containsExactly("memory.used_percent");
            assertThat(exact).extracting(LatestValue::metric).containsExactly("cpu.usage_percent");
        }
    }

    @Test
    void of_isScopedByTenant_likeTheQueryItCaches() {
        try (LatestCache cache = new LatestCache(database, notifications, Duration.ofMinutes(5))) {
            assertThat(cpu(cache)).isEqualTo(10.0);
            UUID otherTenant = data.enrol().tenant();

            assertThat(cache.of(otherTenant, acme.agent(), MetricFilter.all()).block()).isEmpty();
        }
    }

    @Test
    void of_readsTheDatabase_whenTheCacheIsOff_orNobodyListens() {
        try (LatestCache off = new LatestCache(database, notifications, Duration.ZERO)) {
            assertThat(cpu(off)).isEqualTo(10.0);
            changeBehindTheStoresBack(acme.agent(), 99);
            assertThat(cpu(off)).isEqualTo(99.0);
        }
        notifications.stop();
        try (LatestCache deaf = new LatestCache(database, notifications, Duration.ofMinutes(5))) {
            assertThat(cpu(deaf)).isEqualTo(99.0);
            changeBehindTheStoresBack(acme.agent(), 98);
            assertThat(cpu(deaf)).as("no notification could invalidate it, so nothing is kept").isEqualTo(98.0);
        }
    }

    @Test
    void of_neverServesAnEntryOlderThanItsTtl() {
        try (LatestCache cache = new LatestCache(database, notifications, Duration.ofMillis(300))) {
            assertThat(cpu(cache)).isEqualTo(10.0);
            changeBehindTheStoresBack(acme.agent(), 99);

            await(() -> cpu(cache) == 99.0);
        }
    }

    @Test
    void of_dropsEverything_whenListeningResumesAfterALostConnection() {
        try (LatestCache cache = new LatestCache(database, notifications, Duration.ofMinutes(5))) {
            assertThat(cpu(cache)).isEqualTo(10.0);
            changeBehindTheStoresBack(acme.agent(), 99);

            // Notifications sent while the connection is down are lost: what was cached may be stale.
            data.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND query LIKE 'LISTEN%'");

            await(() -> cpu(cache) == 99.0);
            await(notifications::listening);
            assertThat(cpu(cache)).isEqualTo(99.0);
        }
    }

    private double cpu(LatestCache cache) {
        return value(cache, "cpu.usage_percent");
    }

    private double value(LatestCache cache, String metric) {
        return cache.of(acme.tenant(), acme.agent(), MetricFilter.all()).block().stream()
                .filter(v -> v.metric().equals(metric)).findFirst().orElseThrow().value();
    }

    /** Rewrites an agent's latest values directly, as nothing in SecuMon does: no notification follows. */
    private static void changeBehindTheStoresBack(UUID agent, double value) {
        data.execute("UPDATE series_latest SET value = ? WHERE series_id IN (SELECT id FROM series WHERE agent_id = ?)",
                value, agent);
    }

    private static void await(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
