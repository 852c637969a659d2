package io.secumon.api;

import static io.secumon.pipeline.settings.SettingValues.bad;
import static io.secumon.pipeline.settings.SettingValues.number;
import static io.secumon.pipeline.settings.SettingValues.text;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.springframework.boot.convert.DurationStyle;

/**
 * The api's configuration, read from the resolved properties (application.yml fills them from
 * {@code SECUMON_*} environment variables and documents the defaults) and checked before
 * anything connects: a bad value stops start-up with a message naming the variable.
 *
 * @param database          where the SecuMon database is ({@code SECUMON_DB_URL}, a JDBC URL;
 *                          the R2DBC connection is derived from it)
 * @param databaseUser      database user ({@code SECUMON_DB_USER})
 * @param databasePassword  database password, may be empty ({@code SECUMON_DB_PASSWORD})
 * @param databasePoolSize  R2DBC connections at most ({@code SECUMON_API_DB_POOL_SIZE})
 * @param port              HTTP port ({@code SECUMON_API_PORT}; 0 = any free port)
 * @param maxPageSize       largest {@code limit} a list accepts ({@code SECUMON_API_MAX_PAGE_SIZE})
 * @param agentOfflineAfter an agent not seen for longer is offline ({@code SECUMON_AGENT_OFFLINE_AFTER})
 * @param apiKeyCacheTtl    how long a looked-up API key is trusted without asking the database,
 *                          i.e. how late a revocation may take effect; 0 = no cache
 *                          ({@code SECUMON_API_KEY_CACHE_TTL})
 * @param latestCacheTtl    longest an agent's cached latest values are served without asking
 *                          the database; they are dropped sooner, when its next batch is stored.
 *                          0 = no cache ({@code SECUMON_API_LATEST_CACHE_TTL})
 */
public record ApiSettings(DatabaseUrl database, String databaseUser, String databasePassword,
                          int databasePoolSize, int port, int maxPageSize, Duration agentOfflineAfter,
                          Duration apiKeyCacheTtl, Duration latestCacheTtl) {

    /**
     * Reads and checks every setting.
     *
     * @param property resolves a property name to its value, or null when unset
     * @throws IllegalArgumentException naming the environment variable of the first bad setting
     */
    public static ApiSettings from(UnaryOperator<String> property) {
        String url = text(property, "secumon.db.url", "SECUMON_DB_URL");
        DatabaseUrl database;
        try {
            database = DatabaseUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw bad("SECUMON_DB_URL", "secumon.db.url",
                    "a PostgreSQL JDBC URL like jdbc:postgresql://localhost:5432/secumon (" + e.getMessage() + ")",
                    DatabaseUrl.withoutParameters(url));
        }
        String user = text(property, "secumon.db.user", "SECUMON_DB_USER");
        String password = property.apply("secumon.db.password");
        int poolSize = (int) number(property, "secumon.api.db-pool-size", "SECUMON_API_DB_POOL_SIZE", 1, 200);
        int port = (int) number(property, "server.port", "SECUMON_API_PORT", 0, 65_535);
        int maxPageSize = (int) number(property, "secumon.api.max-page-size", "SECUMON_API_MAX_PAGE_SIZE",
                1, 10_000);
        Duration offlineAfter = duration(property, "secumon.api.agent-offline-after", "SECUMON_AGENT_OFFLINE_AFTER",
                Duration.ofSeconds(1), Duration.ofDays(7));
        Duration keyCacheTtl = duration(property, "secumon.api.key-cache-ttl", "SECUMON_API_KEY_CACHE_TTL",
                Duration.ZERO, Duration.ofHours(1));
        Duration latestCacheTtl = duration(property, "secumon.api.latest-cache-ttl", "SECUMON_API_LATEST_CACHE_TTL",
                Duration.ZERO, Duration.ofHours(1));
        return new ApiSettings(database, user, password == null ? "" : password, poolSize, port, maxPageSize,
                offlineAfter, keyCacheTtl, latestCacheTtl);
    }

    /** For the start-up log: no credentials, no URL parameters. */
    public String describe() {
        return "database " + database.describe() + " as " + databaseUser + ", db pool " + databasePoolSize
                + ", port " + port + ", max page size " + maxPageSize
                + ", agents offline after " + agentOfflineAfter + ", api key cache ttl " + apiKeyCacheTtl
                + ", latest values cache ttl " + latestCacheTtl;
    }

    /** Like {@link #describe()}: a settings object must never print the password. */
    @Override
    public String toString() {
        return "ApiSettings[" + describe() + "]";
    }

    private static Duration duration(UnaryOperator<String> property, String key, String variable,
                                     Duration min, Duration max) {
        String value = text(property, key, variable);
        try {
            Duration duration = DurationStyle.detectAndParse(value);
            if (duration.compareTo(min) >= 0 && duration.compareTo(max) <= 0) {
                return duration;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw bad(variable, key, "a duration like 30s, 5m or 1h from " + min + " to " + max, value);
    }
}
