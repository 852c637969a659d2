package io.secumon.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeConfigTest {

    @Test
    void fromEnvironment_usesDocumentedDefaultsWhenUnset() {
        EdgeConfig config = EdgeConfig.fromEnvironment(Map.of());

        assertThat(config.grpcPort()).isEqualTo(50051);
        assertThat(config.metricsPort()).isEqualTo(9401);
        assertThat(config.rabbitUri()).isEqualTo(URI.create("amqp://guest:guest@localhost:5672"));
        assertThat(config.dbUrl()).isEqualTo("jdbc:postgresql://localhost:5432/secumon");
        assertThat(config.dbUser()).isEqualTo("postgres");
        assertThat(config.dbPassword()).isEmpty();
        assertThat(config.destinationPrefix()).isEmpty();
        assertThat(config.ingestExchange()).isEqualTo("ingest");
        assertThat(config.maxBatchSamples()).isEqualTo(10_000);
        assertThat(config.maxMessageBytes()).isEqualTo(4_194_304);
        assertThat(config.maxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.confirmTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.tokenCacheTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.tls()).isEqualTo(EdgeTls.none());
    }

    @Test
    void tls_certificateWithoutKey_namesTheMissingVariable(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("edge.crt"), "pem");

        assertThatThrownBy(() -> EdgeConfig.fromEnvironment(Map.of(EdgeTls.CERT, cert.toString())))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(EdgeTls.KEY);
    }

    @Test
    void tls_unreadableFile_namesTheVariable(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("edge.crt"), "pem");
        Path key = Files.writeString(dir.resolve("edge.key"), "pem");

        assertThatThrownBy(() -> EdgeConfig.fromEnvironment(Map.of(EdgeTls.CERT, cert.toString(),
                EdgeTls.KEY, key.toString(), EdgeTls.CLIENT_CA, dir.resolve("missing.crt").toString())))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(EdgeTls.CLIENT_CA);
    }

    @Test
    void tls_clientCaWithoutServerCertificate_isRefused(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.crt"), "pem");

        assertThatThrownBy(() -> EdgeConfig.fromEnvironment(Map.of(EdgeTls.CLIENT_CA, ca.toString())))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(EdgeTls.CLIENT_CA);
    }

    @Test
    void fromEnvironment_treatsBlankAsUnset() {
        assertThat(EdgeConfig.fromEnvironment(Map.of(EdgeConfig.GRPC_PORT, " ")).grpcPort()).isEqualTo(50051);
    }

    @Test
    void fromEnvironment_readsEveryVariable() {
        EdgeConfig config = EdgeConfig.fromEnvironment(Map.ofEntries(
                Map.entry("SECUMON_EDGE_GRPC_PORT", "6000"),
                Map.entry("SECUMON_EDGE_METRICS_PORT", "0"),
                Map.entry("SECUMON_RABBIT_URI", "amqps://edge:s3cret@rabbit.example:5671/prod"),
                Map.entry("SECUMON_DB_URL", "jdbc:postgresql://db:5432/sm"),
                Map.entry("SECUMON_DB_USER", "edge"),
                Map.entry("SECUMON_DB_PASSWORD", "hunter2"),
                Map.entry("SECUMON_DESTINATION_PREFIX", "staging."),
                Map.entry("SECUMON_EDGE_MAX_BATCH_SAMPLES", "500"),
                Map.entry("SECUMON_EDGE_MAX_MESSAGE_BYTES", "65536"),
                Map.entry("SECUMON_EDGE_MAX_FUTURE_SKEW", "500ms"),
                Map.entry("SECUMON_EDGE_CONFIRM_TIMEOUT", "30s"),
                Map.entry("SECUMON_EDGE_TOKEN_CACHE_TTL", "1h")));

        assertThat(config.grpcPort()).isEqualTo(6000);
        assertThat(config.metricsPort()).isZero();
        assertThat(config.ingestExchange()).isEqualTo("staging.ingest");
        assertThat(config.maxBatchSamples()).isEqualTo(500);
        assertThat(config.maxMessageBytes()).isEqualTo(65536);
        assertThat(config.maxFutureSkew()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.confirmTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.tokenCacheTtl()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void toString_masksPasswords() {
        EdgeConfig config = EdgeConfig.fromEnvironment(Map.of(
                "SECUMON_RABBIT_URI", "amqp://edge:s3cret@rabbit:5672/%2F",
                "SECUMON_DB_PASSWORD", "hunter2"));

        assertThat(config.toString()).doesNotContain("s3cret", "hunter2").contains("edge:****@rabbit");
    }

    @Test
    void fromEnvironment_rejectsNonNumericPort_namingTheVariable() {
        assertThatThrownBy(() -> EdgeConfig.fromEnvironment(Map.of("SECUMON_EDGE_GRPC_PORT", "abc")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("SECUMON_EDGE_GRPC_PORT")
                .hasMessageContaining("abc")
                .extracting(e -> ((InvalidConfigException) e).variable()).isEqualTo("SECUMON_EDGE_GRPC_PORT");
    }

    @Test
    void fromEnvironment_rejectsBadValues_namingTheVariable() {
        Map<String, String> bad = Map.of(
                "SECUMON_EDGE_METRICS_PORT", "70000",
                "SECUMON_EDGE_MAX_BATCH_SAMPLES", "0",
                "SECUMON_EDGE_MAX_MESSAGE_BYTES", "12",
                "SECUMON_EDGE_MAX_FUTURE_SKEW", "5 minutes",
                "SECUMON_EDGE_CONFIRM_TIMEOUT", "0s",
                "SECUMON_EDGE_TOKEN_CACHE_TTL", "10",
                "SECUMON_RABBIT_URI", "http://localhost",
                "SECUMON_DB_URL", "jdbc:mysql://localhost/x",
                "SECUMON_DESTINATION_PREFIX", "has space");
        bad.forEach((variable, value) ->
                assertThatThrownBy(() -> EdgeConfig.fromEnvironment(Map.of(variable, value)))
                        .as(variable + "=" + value)
                        .isInstanceOf(InvalidConfigException.class)
                        .hasMessageStartingWith(variable + ": "));
    }
}
