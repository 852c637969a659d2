package io.secumon.edge.config;

import io.secumon.pipeline.topology.Destinations;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the edge ingress can be told, read once at start from environment variables
 * (defaults and meanings in edge-ingress/README.md). Both {@link #fromEnvironment(Map)} and
 * the constructor reject a bad value with an {@link InvalidConfigException} naming the
 * variable, so a misconfigured process stops at start instead of failing on the first batch.
 *
 * @param grpcPort         port of the gRPC server; 0 picks a free one (tests)
 * @param metricsPort      port of the Prometheus {@code /metrics} endpoint; 0 disables it
 * @param rabbitUri        AMQP URI of the broker, credentials and vhost included
 * @param dbUrl            JDBC URL of the PostgreSQL database holding the credentials
 * @param dbUser           database user
 * @param dbPassword       database password, possibly empty; never logged
 * @param destinationPrefix prefix of every RabbitMQ destination name, possibly empty
 * @param maxBatchSamples  most samples one batch may carry
 * @param maxMessageBytes  largest serialised batch the gRPC server accepts
 * @param maxFutureSkew    how far past the edge's clock a sample's time may lie
 * @param confirmTimeout   how long a publish may wait for the broker's confirm
 * @param tokenCacheTtl    how long a verified token is trusted without asking the database
 * @param tls              plaintext, TLS or mutual TLS on the gRPC port ({@link EdgeTls})
 */
public record EdgeConfig(
        int grpcPort,
        int metricsPort,
        URI rabbitUri,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String destinationPrefix,
        int maxBatchSamples,
        int maxMessageBytes,
        Duration maxFutureSkew,
        Duration confirmTimeout,
        Duration tokenCacheTtl,
        EdgeTls tls) {

    public static final String GRPC_PORT = "SECUMON_EDGE_GRPC_PORT";
    public static final String METRICS_PORT = "SECUMON_EDGE_METRICS_PORT";
    public static final String RABBIT_URI = "SECUMON_RABBIT_URI";
    public static final String DB_URL = "SECUMON_DB_URL";
    public static final String DB_USER = "SECUMON_DB_USER";
    public static final String DB_PASSWORD = "SECUMON_DB_PASSWORD";
    public static final String DESTINATION_PREFIX = "SECUMON_DESTINATION_PREFIX";
    public static final String MAX_BATCH_SAMPLES = "SECUMON_EDGE_MAX_BATCH_SAMPLES";
    public static final String MAX_MESSAGE_BYTES = "SECUMON_EDGE_MAX_MESSAGE_BYTES";
    public static final String MAX_FUTURE_SKEW = "SECUMON_EDGE_MAX_FUTURE_SKEW";
    public static final String CONFIRM_TIMEOUT = "SECUMON_EDGE_CONFIRM_TIMEOUT";
    public static final String TOKEN_CACHE_TTL = "SECUMON_EDGE_TOKEN_CACHE_TTL";

    /** What RabbitMQ allows in an exchange name, which the prefix becomes part of. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._:-]{0,200}");

    public EdgeConfig {
        Objects.requireNonNull(rabbitUri, RABBIT_URI);
        Objects.requireNonNull(dbUrl, DB_URL);
        Objects.requireNonNull(dbUser, DB_USER);
        Objects.requireNonNull(dbPassword, DB_PASSWORD);
        Objects.requireNonNull(destinationPrefix, DESTINATION_PREFIX);
        Objects.requireNonNull(maxFutureSkew, MAX_FUTURE_SKEW);
        Objects.requireNonNull(confirmTimeout, CONFIRM_TIMEOUT);
        Objects.requireNonNull(tokenCacheTtl, TOKEN_CACHE_TTL);
        requireRange(GRPC_PORT, grpcPort, 0, 65535);
        requireRange(METRICS_PORT, metricsPort, 0, 65535);
        requireRange(MAX_BATCH_SAMPLES, maxBatchSamples, 1, 1_000_000);
        requireRange(MAX_MESSAGE_BYTES, maxMessageBytes, 1024, 1 << 30);
        requirePositive(MAX_FUTURE_SKEW, maxFutureSkew);
        requirePositive(CONFIRM_TIMEOUT, confirmTimeout);
        requirePositive(TOKEN_CACHE_TTL, tokenCacheTtl);
        if (!("amqp".equalsIgnoreCase(rabbitUri.getScheme()) || "amqps".equalsIgnoreCase(rabbitUri.getScheme()))
                || rabbitUri.getHost() == null) {
            throw new InvalidConfigException(RABBIT_URI, "expected an amqp:// or amqps:// URI with a host, "
                    + "e.g. amqp://guest:guest@localhost:5672");
        }
        if (!dbUrl.startsWith("jdbc:postgresql:")) {
            throw new InvalidConfigException(DB_URL, "expected a jdbc:postgresql: URL, e.g. jdbc:postgresql://localhost:5432/secumon");
        }
        if (!PREFIX.matcher(destinationPrefix).matches()) {
            throw new InvalidConfigException(DESTINATION_PREFIX,
                    "'" + destinationPrefix + "' may hold only letters, digits and . _ : - (at most 200)");
        }
    }

    /**
     * Reads the configuration from {@code environment} (usually {@code System.getenv()}),
     * filling in the documented default for each variable that is unset or blank.
     *
     * @throws InvalidConfigException naming the first variable whose value is unusable
     */
    public static EdgeConfig fromEnvironment(Map<String, String> environment) {
        Environment env = new Environment(environment);
        return new EdgeConfig(
                env.integer(GRPC_PORT, 50051),
                env.integer(METRICS_PORT, 9401),
                env.uri(RABBIT_URI, "amqp://guest:guest@localhost:5672"),
                env.text(DB_URL, "jdbc:postgresql://localhost:5432/secumon"),
                env.text(DB_USER, "postgres"),
                env.secret(DB_PASSWORD, ""),
                env.text(DESTINATION_PREFIX, ""),
                env.integer(MAX_BATCH_SAMPLES, 10_000),
                env.integer(MAX_MESSAGE_BYTES, 4 * 1024 * 1024),
                env.duration(MAX_FUTURE_SKEW, Duration.ofMinutes(5)),
                env.duration(CONFIRM_TIMEOUT, Duration.ofSeconds(10)),
                env.duration(TOKEN_CACHE_TTL, Duration.ofSeconds(60)),
                EdgeTls.fromEnvironment(env));
    }

    private static void requireRange(String variable, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidConfigException(variable, value + " is outside " + min + ".." + max);
        }
    }

    private static void requirePositive(String variable, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new InvalidConfigException(variable, "must be longer than zero, is " + value);
        }
    }

    /** The topic exchange batches are published to: {@code <prefix>ingest}. */
    public String ingestExchange() {
        return destinationPrefix + Destinations.INGEST;
    }

    /** The broker URI with its password masked, for logs. */
    public String rabbitUriForLogs() {
        String userInfo = rabbitUri.getRawUserInfo();
        if (userInfo == null) {
            return rabbitUri.toString();
        }
        String user = userInfo.split(":", 2)[0];
        return rabbitUri.toString().replace(userInfo + "@", user + ":****@");
    }

    /** One line for the start-up log: every setting, secrets masked. */
    @Override
    public String toString() {
        return "grpcPort=" + grpcPort + " metricsPort=" + metricsPort + " rabbit=" + rabbitUriForLogs()
                + " db=" + dbUrl.replaceAll("(?i)(password=)[^&]*", "$1****") + " dbUser=" + dbUser + " dbPassword=" + (dbPassword.isEmpty() ? "(empty)" : "****")
                + " exchange=" + ingestExchange() + " maxBatchSamples=" + maxBatchSamples
                + " maxMessageBytes=" + maxMessageBytes + " maxFutureSkew=" + maxFutureSkew
                + " confirmTimeout=" + confirmTimeout + " tokenCacheTtl=" + tokenCacheTtl + " grpc=" + tls.describe();
    }
}
