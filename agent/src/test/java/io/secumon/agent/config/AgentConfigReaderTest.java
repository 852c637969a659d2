package io.secumon.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secumon.agent.collect.Collectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigReaderTest {

    private static final String ID = "7b0c6c8e-1f7a-4c1e-9d43-5d2a4b0e9f11";

    @TempDir
    Path dir;

    private AgentConfig read(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, yaml);
        return new AgentConfigReader(env, "host-1").read(file);
    }

    @Test
    void read_emptyFileGivesDocumentedDefaults() throws IOException {
        AgentConfig config = read("", Map.of());

        assertThat(config.name()).isEqualTo("host-1");
        assertThat(config.id()).isEmpty();
        assertThat(config.labels()).isEmpty();
        assertThat(config.endpoint()).isEqualTo(new AgentConfig.Endpoint("localhost", 50051));
        assertThat(config.token()).isEmpty();
        assertThat(config.tls()).isEqualTo(AgentConfig.Tls.disabled());
        assertThat(config.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.enabled()).isEqualTo(Collectors.NAMES);
        assertThat(config.spoolDir()).isEqualTo(Path.of("/var/lib/secumon-agent/spool"));
        assertThat(config.spoolMaxBytes()).isEqualTo(64L << 20);
    }

    @Test
    void readIfPresent_missingFileGivesDefaults() {
        AgentConfig config = new AgentConfigReader(Map.of(), "host-1").readIfPresent(dir.resolve("absent.yaml"));

        assertThat(config.endpoint().port()).isEqualTo(50051);
    }

    @Test
    void read_takesEverySettingFromTheFile() throws IOException {
        AgentConfig config = read("""
                agent:
                  name: web-1
                  id: %s
                  labels: {env: prod, site: paris}
                collector:
                  endpoint: edge.example.com:443
                  token: s3cret
                  tls: {enabled: true}
                metrics:
                  interval: 30s
                  enabled: [cpu, memory]
                spool:
                  dir: /tmp/spool
                  max_bytes: 8MiB
                """.formatted(ID), Map.of());

        assertThat(config.name()).isEqualTo("web-1");
        assertThat(config.id()).contains(UUID.fromString(ID));
        assertThat(config.labels()).containsEntry("env", "prod").containsEntry("site", "paris");
        assertThat(config.endpoint()).isEqualTo(new AgentConfig.Endpoint("edge.example.com", 443));
        assertThat(config.token()).contains("s3cret");
        assertThat(config.tls().enabled()).isTrue();
        assertThat(config.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.enabled()).containsExactly("cpu", "memory");
        assertThat(config.spoolDir()).isEqualTo(Path.of("/tmp/spool"));
        assertThat(config.spoolMaxBytes()).isEqualTo(8L << 20);
        assertThat(config.requireShipping()).isSameAs(config);
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void read_environmentOverridesTheFile() throws IOException {
        AgentConfig config = read("""
                agent: {id: %s}
                collector: {endpoint: "a:1", token: file-token}
                metrics: {interval: 10s}
                spool: {dir: /file}
                """.formatted(ID), Map.of(
                "SECUMON_AGENT_ID", "00000000-0000-0000-0000-000000000001",
                "SECUMON_AGENT_TOKEN", "env-token",
                "SECUMON_AGENT_ENDPOINT", "b:2",
                "SECUMON_AGENT_INTERVAL", "1m",
                "SECUMON_AGENT_SPOOL_DIR", "/env"));

        assertThat(config.id()).contains(UUID.fromString("00000000-0000-0000-0000-000000000001"));
        assertThat(config.token()).contains("env-token");
        assertThat(config.endpoint()).isEqualTo(new AgentConfig.Endpoint("b", 2));
        assertThat(config.interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.spoolDir()).isEqualTo(Path.of("/env"));
    }

    @Test
    void read_unknownCollectorNamesMetricsEnabled() {
        assertThatThrownBy(() -> read("metrics: {enabled: [cpu, gpu]}", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("metrics.enabled:").hasMessageContaining("gpu");
    }

    @Test
    void read_malformedEndpointNamesCollectorEndpoint() {
        assertThatThrownBy(() -> read("collector: {endpoint: foo}", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage("collector.endpoint: 'foo' is not host:port");
        assertThatThrownBy(() -> read("", Map.of("SECUMON_AGENT_ENDPOINT", "host:99999")))
                .hasMessageStartingWith("collector.endpoint:");
    }

    @Test
    void read_badIntervalNamesMetricsInterval() {
        assertThatThrownBy(() -> read("metrics: {interval: 500ms}", Map.of()))
                .hasMessageStartingWith("metrics.interval:");
        assertThatThrownBy(() -> read("metrics: {interval: soon}", Map.of()))
                .hasMessageStartingWith("metrics.interval:");
    }

    @Test
    void read_badAgentIdNamesAgentId() {
        assertThatThrownBy(() -> read("agent: {id: not-a-uuid}", Map.of()))
                .hasMessageStartingWith("agent.id:");
    }

    @Test
    void requireShipping_missingTokenNamesCollectorToken() throws IOException {
        AgentConfig config = read("agent: {id: %s}".formatted(ID), Map.of());

        assertThatThrownBy(config::requireShipping)
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("collector.token:");
    }

    @Test
    void requireShipping_missingIdNamesAgentId() throws IOException {
        AgentConfig config = read("collector: {token: t}", Map.of());

        assertThatThrownBy(config::requireShipping).hasMessageStartingWith("agent.id:");
    }

    @Test
    void read_unreadableTlsFileNamesTheTlsSetting() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        Path key = Files.writeString(dir.resolve("key.pem"), "x");

        assertThat(read("collector: {tls: {enabled: true, ca: %s, cert: %s, key: %s}}".formatted(ca, cert, key),
                Map.of()).tls().ca()).contains(ca);
        assertThatThrownBy(() -> read("collector: {tls: {ca: %s}}".formatted(dir.resolve("missing.pem")), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("collector.tls.ca:");
        assertThatThrownBy(() -> read("collector: {tls: {cert: %s, key: %s}}".formatted(cert, dir), Map.of()))
                .hasMessageStartingWith("collector.tls.key:");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(key)) { // root reads any file; the permission case only holds for other users
            assertThatThrownBy(() -> read("collector: {tls: {cert: %s, key: %s}}".formatted(cert, key), Map.of()))
                    .hasMessageStartingWith("collector.tls.key:");
        }
    }

    @Test
    void read_notAMappingNamesTheSetting() {
        assertThatThrownBy(() -> read("collector: just-text", Map.of())).hasMessageStartingWith("collector:");
        assertThatThrownBy(() -> read("spool: {max_bytes: lots}", Map.of())).hasMessageStartingWith("spool.max_bytes:");
    }

    @Test
    void tls_certWithoutKeyIsRejected() throws IOException {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");

        assertThatThrownBy(() -> new AgentConfig.Tls(false, Optional.of(cert), Optional.empty(), Optional.empty()))
                .hasMessageStartingWith("collector.tls.key:");
    }
}
