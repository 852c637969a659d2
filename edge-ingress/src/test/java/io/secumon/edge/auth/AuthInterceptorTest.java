package io.secumon.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.secumon.edge.Batches;
import io.secumon.edge.RunningEdge;
import io.secumon.edge.config.EdgeConfig;
import io.secumon.testing.TcpProxy;
import io.secumon.testing.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bearer-token authentication against a real credential database. */
class AuthInterceptorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void push_withoutToken_isUnauthenticated() throws Exception {
        try (RunningEdge edge = RunningEdge.start()) {
            Status status = edge.push(null).send(Batches.valid(edge.agent.agentId(), 1).build()).awaitEnd(WAIT);

            assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(status.getDescription()).contains("missing 'authorization: Bearer <token>'");
            assertThat(edge.published()).isEmpty();
        }
    }

    @Test
    void push_withMalformedAuthorization_isUnauthenticated() throws Exception {
        try (RunningEdge edge = RunningEdge.start()) {
            Status status = edge.push("Basic dXNlcjpwYXNz").send(Batches.valid(edge.agent.agentId(), 1).build())
                    .awaitEnd(WAIT);

            assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(status.getDescription()).contains("malformed");
        }
    }

    @Test
    void push_withWrongToken_isUnauthenticated() throws Exception {
        try (RunningEdge edge = RunningEdge.start()) {
            Status status = edge.push("Bearer smt_not-a-real-token").send(Batches.valid(edge.agent.agentId(), 1).build())
                    .awaitEnd(WAIT);

            assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(status.getDescription()).contains("unknown or revoked token");
            assertThat(edge.published()).isEmpty();
        }
    }

    @Test
    void push_withRevokedToken_isUnauthenticated() throws Exception {
        try (RunningEdge edge = RunningEdge.start()) {
            execute(edge, "UPDATE agent_credentials SET revoked_at = now() WHERE agent_id = ?");

            Status status = edge.push().send(Batches.valid(edge.agent.agentId(), 1).build()).awaitEnd(WAIT);

            assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(edge.published()).isEmpty();
        }
    }

    @Test
    void push_fromDisabledAgent_isUnauthenticated() throws Exception {
        try (RunningEdge edge = RunningEdge.start()) {
            execute(edge, "UPDATE agents SET status = 'disabled' WHERE id = ?");

            Status status = edge.push().send(Batches.valid(edge.agent.agentId(), 1).build()).awaitEnd(WAIT);

            assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
    }

    @Test
    void push_whenCredentialDatabaseIsDown_isUnavailable() throws Exception {
        var postgres = TestServices.postgres();
        try (TcpProxy proxy = TcpProxy.start(postgres.host(), postgres.port());
             RunningEdge edge = RunningEdge.start(database -> Map.of(EdgeConfig.DB_URL,
                     "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database.name()))) {
            proxy.cut();

            Status status = edge.push().send(Batches.valid(edge.agent.agentId(), 1).build()).awaitEnd(WAIT);

            assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(status.getDescription()).contains("credential database unreachable");
            proxy.restore();
            assertThat(edge.push().send(Batches.valid(edge.agent.agentId(), 1).build()).nextAck(WAIT)).isNotNull();
        }
    }

    private static void execute(RunningEdge edge, String sql) throws Exception {
        try (Connection connection = edge.dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, edge.agent.agentId());
            statement.executeUpdate();
        }
    }
}
