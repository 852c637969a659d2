package io.secumon.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.pipeline.credential.BearerTokens;
import io.secumon.testing.TestDatabase;
import io.secumon.testing.TestServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiKeyCommandTest {

    /** Left unmigrated: the command must migrate it, as on a fresh installation. */
    private final TestDatabase database = TestServices.postgres().createDatabase();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void drop() {
        database.close();
    }

    @Test
    void issueKey_onAFreshDatabase_printsOnlyTheKeyOnStdout() {
        int exit = run("issue-key", "--tenant", "acme", "--name=cli");

        assertThat(exit).isZero();
        String key = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(key).startsWith(BearerTokens.API_KEY).doesNotContainAnyWhitespaces();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("issued API key 'cli' for tenant 'acme'");
    }

    @Test
    void revokeKey_revokesAnIssuedKey_andFailsForAnUnknownOne() {
        run("issue-key", "--tenant", "acme", "--name", "cli");

        assertThat(run("revoke-key", "--tenant", "acme", "--name", "cli")).isZero();
        assertThat(run("revoke-key", "--tenant", "acme", "--name", "cli")).isEqualTo(1);
    }

    @Test
    void missingOrUnknownOptions_printUsage() {
        assertThat(run("issue-key", "--tenant", "acme")).isEqualTo(2);
        assertThat(run("issue-key", "--tenant", "acme", "--name", "x", "--colour", "red")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: issue-key --tenant NAME --name KEYNAME");
        assertThat(out.size()).isZero();
    }

    private int run(String... args) {
        return ApiKeyCommand.run(args, database.dataSource(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
