package io.secumon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

    private final Map<String, String> properties = new HashMap<>(Map.of(
            "spring.datasource.url", "jdbc:postgresql://localhost:5432/secumon?password=secret",
            "spring.rabbitmq.addresses", "amqp://guest:guest@localhost:5672",
            "secumon.store.concurrency", "2",
            "secumon.store.prefetch", "32",
            "spring.datasource.hikari.maximum-pool-size", "4",
            "secumon.store.series-cache-size", "100000",
            "server.port", "8082"));

    @Test
    void from_acceptsTheDefaults_andDescribesThemWithoutCredentials() {
        StoreSettings settings = StoreSettings.from(properties::get);

        assertThat(settings.concurrency()).isEqualTo(2);
        assertThat(settings.describe()).contains("jdbc:postgresql://localhost:5432/secumon", "amqp://localhost:5672,")
                .doesNotContain("secret", "guest");
    }

    @Test
    void from_rejectsBadValues_namingTheVariable() {
        assertRejected("secumon.store.concurrency", "two", "SECUMON_STORE_CONCURRENCY");
        assertRejected("secumon.store.concurrency", "0", "SECUMON_STORE_CONCURRENCY");
        assertRejected("spring.datasource.url", "jdbc:mysql://db/secumon", "SECUMON_DB_URL");
        assertRejected("spring.datasource.url", " ", "SECUMON_DB_URL");
        assertRejected("spring.rabbitmq.addresses", "http://broker", "SECUMON_RABBIT_URI");
        assertRejected("spring.rabbitmq.addresses", "amqp://guest:guest@localhost:5672/%2F", "SECUMON_RABBIT_URI");
        assertRejected("spring.datasource.hikari.maximum-pool-size", "1", "SECUMON_STORE_DB_POOL_SIZE");
        assertRejected("secumon.store.series-cache-size", "-5", "SECUMON_STORE_SERIES_CACHE_SIZE");
        assertRejected("server.port", "70000", "SECUMON_STORE_HTTP_PORT");
    }

    private void assertRejected(String key, String value, String variable) {
        Map<String, String> bad = new HashMap<>(properties);
        bad.put(key, value);
        assertThatThrownBy(() -> StoreSettings.from(bad::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(variable);
    }
}
