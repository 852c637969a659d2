package io.secumon.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secumon.schema.SchemaMigrations;
import io.secumon.testing.TestDatabase;
import io.secumon.testing.TestServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class EnrollmentTest {

    private TestDatabase database;
    private PGSimpleDataSource dataSource;

    @BeforeEach
    void createDatabase() {
        database = TestServices.postgres().createDatabase();
        dataSource = database.dataSource();
        SchemaMigrations.migrate(dataSource);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void enroll_issuesAVerifiableTokenForANewTenantAndAgent() {
        EnrolledAgent enrolled = Enrollment.enroll(dataSource, "acme", "web-1");

        assertThat(enrolled.token()).matches("smt_[A-Za-z0-9_-]{43}");
        assertThat(enrolled.toString()).doesNotContain(enrolled.token());
        assertThat(new CredentialVerifier(dataSource, Duration.ofMinutes(1)).verify(enrolled.token()))
                .contains(new AgentPrincipal(enrolled.tenantId(), enrolled.agentId()));
    }

    @Test
    void enroll_reusesExistingTenantAndAgent_withANewToken() {
        EnrolledAgent first = Enrollment.enroll(dataSource, "acme", "web-1");
        EnrolledAgent second = Enrollment.enroll(dataSource, "acme", "web-1");
        EnrolledAgent other = Enrollment.enroll(dataSource, "acme", "db-1");

        assertThat(second.tenantId()).isEqualTo(first.tenantId());
        assertThat(second.agentId()).isEqualTo(first.agentId());
        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(other.tenantId()).isEqualTo(first.tenantId());
        assertThat(other.agentId()).isNotEqualTo(first.agentId());
    }

    @Test
    void enroll_rejectsBlankNames() {
        assertThatThrownBy(() -> Enrollment.enroll(dataSource, " ", "web-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant");
    }

    @Test
    void enrollCommand_printsAgentIdAndToken() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        int status = EnrollCommand.run(List.of("--tenant", "acme", "--agent", "web-1"), Map.of(
                "SECUMON_DB_URL", database.jdbcUrl(), "SECUMON_DB_USER", database.username(),
                "SECUMON_DB_PASSWORD", database.password()), print(out), print(err));

        assertThat(status).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).containsPattern("agent_id=[0-9a-f-]{36}").containsPattern("token=smt_\\S{43}");
        String token = printed.lines().filter(l -> l.startsWith("token=")).findFirst().orElseThrow().substring(6);
        UUID agentId = UUID.fromString(printed.lines().filter(l -> l.startsWith("agent_id=")).findFirst().orElseThrow().substring(9));
        assertThat(new CredentialVerifier(dataSource, Duration.ofMinutes(1)).verify(token))
                .hasValueSatisfying(p -> assertThat(p.agentId()).isEqualTo(agentId));
    }

    @Test
    void enrollCommand_withBadArguments_printsUsage() {
        var err = new ByteArrayOutputStream();

        int status = EnrollCommand.run(List.of("--tenant", "acme"), Map.of(), print(new ByteArrayOutputStream()), print(err));

        assertThat(status).isEqualTo(EnrollCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--agent", "usage:");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
