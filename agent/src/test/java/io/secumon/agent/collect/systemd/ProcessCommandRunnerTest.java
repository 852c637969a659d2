package io.secumon.agent.collect.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessCommandRunnerTest {

    private final ProcessCommandRunner runner = new ProcessCommandRunner(Duration.ofSeconds(2));

    @Test
    void run_returnsStandardOutput() throws IOException {
        assertThat(runner.run(List.of("sh", "-c", "echo one; echo two"))).isEqualTo("one\ntwo\n");
    }

    @Test
    void run_missingProgramNonZeroExitAndTimeoutAreIoExceptions() {
        assertThatThrownBy(() -> runner.run(List.of("no-such-program-secumon"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> runner.run(List.of("sh", "-c", "exit 3")))
                .isInstanceOf(IOException.class).hasMessageContaining("status 3");
        assertThatThrownBy(() -> new ProcessCommandRunner(Duration.ofMillis(200)).run(List.of("sleep", "10")))
                .isInstanceOf(IOException.class).hasMessageContaining("timed out");
    }
}
