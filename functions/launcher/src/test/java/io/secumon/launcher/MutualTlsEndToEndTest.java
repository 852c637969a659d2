package io.secumon.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secumon.agent.ship.IngestClient;
import io.secumon.agent.ship.PushSession;
import io.secumon.agent.ship.TlsFiles;
import io.secumon.edge.auth.EnrolledAgent;
import io.secumon.edge.auth.Enrollment;
import io.secumon.pipeline.batch.MetricBatchBuilder;
import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.PushAck;
import io.secumon.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The edge process serving mutual TLS (SECUMON_EDGE_TLS_*) and the agent's client: only an
 * agent with a certificate from the client CA gets through, and then its token still counts.
 */
class MutualTlsEndToEndTest {

    private static Path certificates;
    private static TestCertificates agents;
    private static TestCertificates servers;
    private static RunningPipeline running;
    private static EnrolledAgent agent;

    @BeforeAll
    static void startPipelineWithMutualTls() throws Exception {
        certificates = Files.createTempDirectory("secumon-tls");
        servers = TestCertificates.authority(certificates, "server-ca");
        agents = TestCertificates.authority(certificates, "agent-ca");
        Path edgeCert = servers.issue("edge");
        agents.issue("agent");
        running = RunningPipeline.start("e2e-logs/tls", Map.of(
                "SECUMON_EDGE_TLS_CERT", edgeCert.toString(),
                "SECUMON_EDGE_TLS_KEY", servers.keyFile("edge").toString(),
                "SECUMON_EDGE_TLS_CLIENT_CA", agents.caFile().toString()));
        agent = Enrollment.enroll(running.dataSource, "tls", "agent");
    }

    @AfterAll
    static void stop() throws Exception {
        if (running != null) {
            running.close();
        }
        try (var files = Files.walk(certificates)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void agentWithCertificateFromTheClientCa_isAcknowledged() throws Exception {
        TlsFiles tls = new TlsFiles(Optional.of(certificates.resolve("agent.crt")), Optional.of(agents.keyFile("agent")),
                Optional.of(servers.caFile()));

        PushAck ack = push(IngestClient.connect("localhost", running.pipeline.edgePort(), agent.token(), tls));

        assertThat(ack.getBatchId()).isNotEmpty();
    }

    @Test
    void agentWithoutCertificate_isRefusedAtTheHandshake() {
        TlsFiles serverOnly = new TlsFiles(Optional.empty(), Optional.empty(), Optional.of(servers.caFile()));

        assertThatThrownBy(() -> push(IngestClient.connect("localhost", running.pipeline.edgePort(), agent.token(),
                serverOnly))).isInstanceOf(ExecutionException.class).hasMessageContaining("UNAVAILABLE");
    }

    @Test
    void plaintextAgent_isRefused() {
        assertThatThrownBy(() -> push(IngestClient.connect("localhost", running.pipeline.edgePort(), agent.token(),
                true))).isInstanceOf(ExecutionException.class).hasMessageContaining("UNAVAILABLE");
    }

    private static PushAck push(IngestClient client) throws Exception {
        long now = System.currentTimeMillis();
        MetricBatch batch = new MetricBatchBuilder(
                AgentIdentity.newBuilder().setAgentId(agent.agentId().toString()).build(), now)
                .gauge("tls.check_units", Map.of(), 1, now).build();
        try (client; PushSession session = client.openSession()) {
            return session.push(batch).get(30, TimeUnit.SECONDS);
        }
    }
}
