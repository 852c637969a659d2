package io.secumon.api;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The SecuMon database as every process names it, a PostgreSQL JDBC URL
 * ({@code jdbc:postgresql://host:port/database?parameters}), and the R2DBC options for the
 * same database. One setting for both drivers keeps the api configured like the other
 * functions; the JDBC form is used for migrations and key issuing, R2DBC for requests.
 *
 * <p>Of the URL parameters, {@code user}, {@code password}, {@code sslmode},
 * {@code ApplicationName}, {@code connectTimeout} (seconds) and {@code currentSchema} carry over
 * to R2DBC; PgJDBC tuning parameters have no R2DBC meaning and apply to JDBC only.
 */
public record DatabaseUrl(String jdbcUrl, String host, int port, String database, Map<String, String> parameters) {

    private static final Map<String, Option<String>> R2DBC_OPTIONS = Map.of(
            "sslmode", Option.valueOf("sslMode"),
            "ApplicationName", Option.valueOf("applicationName"),
            "currentSchema", Option.valueOf("schema"));

    /** Without a bound, a blackholed database would hang health checks and requests for minutes. */
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public DatabaseUrl {
        parameters = Map.copyOf(parameters);
    }

    /**
     * Parses {@code jdbcUrl}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static DatabaseUrl parse(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("it must start with jdbc:postgresql://");
        }
        URI uri;
        try {
            uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("it is not a URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("it must name one host (several hosts are not supported)");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw new IllegalArgumentException("it must name the database, as in /secumon");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
                }
            }
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        DatabaseUrl url = new DatabaseUrl(jdbcUrl, host, uri.getPort() > 0 ? uri.getPort() : 5432,
                path.substring(1), parameters);
        url.connectTimeout(); // rejects a malformed value now rather than at the first connection
        return url;
    }

    /** {@code url} up to its parameters, which may hold a password: safe to log. */
    public static String withoutParameters(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** For logs: the URL without parameters. */
    public String describe() {
        return withoutParameters(jdbcUrl);
    }

    /** The URL without parameters, which may hold a password. */
    @Override
    public String toString() {
        return describe();
    }

    /** R2DBC options for this database; credentials in the URL win over {@code user} and {@code password}. */
    public ConnectionFactoryOptions r2dbcOptions(String user, String password) {
        ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.builder()
                .option(ConnectionFactoryOptions.DRIVER, "postgresql")
                .option(ConnectionFactoryOptions.HOST, host)
                .option(ConnectionFactoryOptions.PORT, port)
                .option(ConnectionFactoryOptions.DATABASE, database)
                .option(ConnectionFactoryOptions.USER, parameters.getOrDefault("user", user))
                .option(ConnectionFactoryOptions.CONNECT_TIMEOUT, connectTimeout())
                // Results in PostgreSQL's binary format: range queries return float8[] and
                // int8[] arrays, and decoding those from text was a third of the api's CPU
                // under infra/bench/api-latency.
                .option(PostgresqlConnectionFactoryProvider.FORCE_BINARY, true);
        String secret = parameters.getOrDefault("password", password);
        if (!secret.isEmpty()) {
            options.option(ConnectionFactoryOptions.PASSWORD, secret);
        }
        R2DBC_OPTIONS.forEach((name, option) -> {
            String value = parameters.get(name);
            if (value != null) {
                options.option(option, value);
            }
        });
        return options.build();
    }

    /** A JDBC data source (a new connection per call) for migrations and key issuing. */
    public PGSimpleDataSource jdbcDataSource(String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        if (!parameters.containsKey("user")) {
            dataSource.setUser(user);
        }
        if (!parameters.containsKey("password")) {
            dataSource.setPassword(password);
        }
        return dataSource;
    }

    /** Names (never values) of the URL parameters R2DBC does not use, for the start-up log. */
    public Set<String> jdbcOnlyParameters() {
        Set<String> names = new TreeSet<>(parameters.keySet());
        names.removeAll(R2DBC_OPTIONS.keySet());
        names.removeAll(Set.of("user", "password", "connectTimeout"));
        return names;
    }

    private Duration connectTimeout() {
        String seconds = parameters.get("connectTimeout");
        if (seconds == null) {
            return DEFAULT_CONNECT_TIMEOUT;
        }
        try {
            long value = Long.parseLong(seconds);
            // PgJDBC reads 0 as "no timeout"; an unbounded connect is what the default avoids.
            return value > 0 ? Duration.ofSeconds(value) : DEFAULT_CONNECT_TIMEOUT;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("connectTimeout must be a number of seconds");
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
