package io.secumon.store;

import static io.secumon.pipeline.settings.SettingValues.bad;
import static io.secumon.pipeline.settings.SettingValues.number;
import static io.secumon.pipeline.settings.SettingValues.text;

import java.net.URI;
import java.util.function.UnaryOperator;

/**
 * The store's configuration, read from the resolved properties (application.yml fills them
 * from {@code SECUMON_*} environment variables and documents the defaults) and checked
 * before anything connects: a bad value stops start-up with a message naming the variable.
 *
 * @param databaseUrl     JDBC URL of the SecuMon database ({@code SECUMON_DB_URL})
 * @param rabbitAddresses RabbitMQ URI(s), comma-separated ({@code SECUMON_RABBIT_URI})
 * @param concurrency     consumer threads ({@code SECUMON_STORE_CONCURRENCY})
 * @param prefetch        unacknowledged messages per consumer ({@code SECUMON_STORE_PREFETCH})
 * @param poolSize        database connections ({@code SECUMON_STORE_DB_POOL_SIZE})
 * @param seriesCacheSize series ids kept in memory ({@code SECUMON_STORE_SERIES_CACHE_SIZE})
 * @param httpPort        port of /health and /metrics ({@code SECUMON_STORE_HTTP_PORT})
 */
public record StoreSettings(String databaseUrl, String rabbitAddresses, int concurrency, int prefetch,
                            int poolSize, long seriesCacheSize, int httpPort) {

    /**
     * Reads and checks every setting.
     *
     * @param property resolves a property name to its value, or null when unset
     * @throws IllegalArgumentException naming the environment variable of the first bad setting
     */
    public static StoreSettings from(UnaryOperator<String> property) {
        String databaseUrl = text(property, "spring.datasource.url", "SECUMON_DB_URL");
        if (!databaseUrl.startsWith("jdbc:postgresql:")) {
            throw bad("SECUMON_DB_URL", "spring.datasource.url",
                    "a PostgreSQL JDBC URL like jdbc:postgresql://localhost:5432/secumon", databaseUrl);
        }
        String rabbit = text(property, "spring.rabbitmq.addresses", "SECUMON_RABBIT_URI");
        for (String address : rabbit.split(",")) {
            checkRabbitAddress(address.trim(), rabbit);
        }
        int concurrency = (int) number(property, "secumon.store.concurrency", "SECUMON_STORE_CONCURRENCY", 1, 64);
        int prefetch = (int) number(property, "secumon.store.prefetch", "SECUMON_STORE_PREFETCH", 1, 10_000);
        int poolSize = (int) number(property, "spring.datasource.hikari.maximum-pool-size",
                "SECUMON_STORE_DB_POOL_SIZE", 1, 200);
        if (poolSize < concurrency) {
            throw new IllegalArgumentException("SECUMON_STORE_DB_POOL_SIZE (" + poolSize
                    + ") must be at least SECUMON_STORE_CONCURRENCY (" + concurrency
                    + "): every consumer thread holds a connection while it writes a batch");
        }
        long cacheSize = number(property, "secumon.store.series-cache-size", "SECUMON_STORE_SERIES_CACHE_SIZE",
                1, 100_000_000);
        int httpPort = (int) number(property, "server.port", "SECUMON_STORE_HTTP_PORT", 0, 65_535);
        return new StoreSettings(databaseUrl, rabbit, concurrency, prefetch, poolSize, cacheSize, httpPort);
    }

    /** For the start-up log: credentials and URL parameters left out. */
    public String describe() {
        int query = databaseUrl.indexOf('?');
        return "database " + (query < 0 ? databaseUrl : databaseUrl.substring(0, query))
                + ", rabbitmq " + redacted(rabbitAddresses)
                + ", concurrency " + concurrency + ", prefetch " + prefetch + ", db pool " + poolSize
                + ", series cache " + seriesCacheSize + ", http port " + httpPort;
    }

    private static void checkRabbitAddress(String address, String all) {
        if (address.isEmpty()) {
            throw bad("SECUMON_RABBIT_URI", "spring.rabbitmq.addresses", "one or more AMQP URIs", all);
        }
        if (!address.contains("://")) {
            return; // host[:port], which Spring AMQP also accepts
        }
        URI uri;
        try {
            uri = URI.create(address);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !(uri.getScheme().equals("amqp") || uri.getScheme().equals("amqps"))) {
            throw bad("SECUMON_RABBIT_URI", "spring.rabbitmq.addresses",
                    "an AMQP URI like amqp://user:password@host:5672", redacted(address));
        }
        if (uri.getRawPath() != null && uri.getRawPath().contains("%")) {
            // Spring AMQP takes the virtual host verbatim: "/%2F" would ask for a vhost named "%2F".
            throw bad("SECUMON_RABBIT_URI", "spring.rabbitmq.addresses",
                    "a URI whose virtual host is not percent-encoded (amqp://host:5672 for the default vhost '/',"
                            + " amqp://host:5672/name for another)", redacted(address));
        }
    }

    private static String redacted(String address) {
        return address.replaceAll("//[^@/]*@", "//");
    }
}
