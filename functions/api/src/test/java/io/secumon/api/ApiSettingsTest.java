package io.secumon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiSettingsTest {

    /** The defaults of application.yml. */
    private final Map<String, String> properties = new HashMap<>(Map.of(
            "secumon.db.url", "jdbc:postgresql://localhost:5432/secumon",
            "secumon.db.user", "postgres",
            "secumon.db.password", "s3cret",
            "secumon.api.db-pool-size", "10",
            "server.port", "8080",
            "secumon.api.max-page-size", "500",
            "secumon.api.agent-offline-after", "90s",
            "secumon.api.key-cache-ttl", "30s",
            "secumon.api.latest-cache-ttl", "5m"));

    @Test
    void from_acceptsTheDefaults_andDescribesThemWithoutThePassword() {
        ApiSettings settings = ApiSettings.from(properties::get);

        assertThat(settings.maxPageSize()).isEqualTo(500);
        assertThat(settings.agentOfflineAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.apiKeyCacheTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.latestCacheTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.database().host()).isEqualTo("localhost");
        assertThat(settings.describe()).contains("jdbc:postgresql://localhost:5432/secumon").doesNotContain("s3cret");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void from_acceptsAnEmptyPassword_andIsoDurations() {
        properties.remove("secumon.db.password");
        properties.put("secumon.api.agent-offline-after", "PT2M");
        properties.put("secumon.api.key-cache-ttl", "0s");
        properties.put("secumon.api.latest-cache-ttl", "0s");

        ApiSettings settings = ApiSettings.from(properties::get);

        assertThat(settings.databasePassword()).isEmpty();
        assertThat(settings.agentOfflineAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.apiKeyCacheTtl()).isZero();
        assertThat(settings.latestCacheTtl()).isZero();
    }

    @Test
    void from_rejectsBadValues_namingTheVariable() {
        assertRejected("secumon.db.url", "jdbc:mysql://db/secumon", "SECUMON_DB_URL");
        assertRejected("secumon.db.url", "jdbc:postgresql://db", "SECUMON_DB_URL");
        assertRejected("secumon.db.url", " ", "SECUMON_DB_URL");
        assertRejected("secumon.db.user", "", "SECUMON_DB_USER");
        assertRejected("secumon.api.db-pool-size", "0", "SECUMON_API_DB_POOL_SIZE");
        assertRejected("server.port", "70000", "SECUMON_API_PORT");
        assertRejected("secumon.api.max-page-size", "lots", "SECUMON_API_MAX_PAGE_SIZE");
        assertRejected("secumon.api.max-page-size", "0", "SECUMON_API_MAX_PAGE_SIZE");
        assertRejected("secumon.api.agent-offline-after", "soon", "SECUMON_AGENT_OFFLINE_AFTER");
        assertRejected("secumon.api.agent-offline-after", "0s", "SECUMON_AGENT_OFFLINE_AFTER");
        assertRejected("secumon.api.key-cache-ttl", "2h", "SECUMON_API_KEY_CACHE_TTL");
        assertRejected("secumon.api.latest-cache-ttl", "-1s", "SECUMON_API_LATEST_CACHE_TTL");
    }

    @Test
    void from_neverEchoesUrlParameters_whichMayHoldAPassword() {
        properties.put("secumon.db.url", "jdbc:mysql://db/secumon?password=hunter2");

        assertThatThrownBy(() -> ApiSettings.from(properties::get)).hasMessageNotContaining("hunter2");
    }

    private void assertRejected(String key, String value, String variable) {
        Map<String, String> bad = new HashMap<>(properties);
        bad.put(key, value);
        assertThatThrownBy(() -> ApiSettings.from(bad::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(variable);
    }
}
