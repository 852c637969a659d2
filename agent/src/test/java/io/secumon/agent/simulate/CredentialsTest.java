package io.secumon.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secumon.agent.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        return Files.writeString(dir.resolve("agents.txt"), text);
    }

    @Test
    void read_returnsTheFirstAgents_skippingBlankAndCommentLines() throws Exception {
        Path file = file("# enrolled for the load test\nid-1 tok-1\n\n  id-2\ttok-2  \nid-3 tok-3\n");

        assertThat(Credentials.read(file, 2)).containsExactly(
                new Simulator.Agent("id-1", "tok-1"), new Simulator.Agent("id-2", "tok-2"));
    }

    @Test
    void read_refusesAFileWithFewerAgentsThanNeeded() throws Exception {
        Path file = file("id-1 tok-1\nid-2 tok-2\n");

        assertThatThrownBy(() -> Credentials.read(file, 3)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--credentials: ")
                .hasMessageContaining("has 2 agent credentials, --agents 3 needs at least 3");
    }

    @Test
    void read_namesTheLineThatIsNotAPair() throws Exception {
        Path file = file("id-1 tok-1\nid-2\n");

        assertThatThrownBy(() -> Credentials.read(file, 2)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 2: expected 'agent_id token'");
    }

    @Test
    void read_reportsAMissingFile() {
        assertThatThrownBy(() -> Credentials.read(dir.resolve("absent.txt"), 1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--credentials: cannot read");
    }
}
