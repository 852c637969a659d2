package io.secumon.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agent as customers run it ({@code java -jar ... run --config FILE}): bad configuration
 * ends the process with a non-zero status and a message that names the setting.
 */
class AgentConfigurationErrorsTest {

    private static final String GOOD = """
            agent:
              id: 7b0c6c8e-1f7a-4c1e-9d43-5d2a4b0e9f11
            collector:
              endpoint: 127.0.0.1:1
              token: smt_test
            spool:
              dir: %s
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown collector    | metrics: {enabled: [cpu, gpu]}                    | metrics.enabled",
        "malformed endpoint   | collector: {endpoint: 'no-port-here'}             | collector.endpoint",
        "missing token        | collector: {token: ''}                            | collector.token",
        "unreadable TLS file  | collector: {tls: {enabled: true, ca: /nonexistent/ca.pem}} | collector.tls.ca",
    })
    void run_withBadConfiguration_exitsNonZeroNamingTheSetting(String problem, String override, String setting)
            throws Exception {
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, merged(override));

        Process agent = new ProcessBuilder(command(config)).redirectErrorStream(true).start();
        boolean exited = agent.waitFor(60, TimeUnit.SECONDS);
        String output = new String(agent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(exited).as("agent exited").isTrue();
        assertThat(agent.exitValue()).as(problem + ": exit status; output:%n%s", output).isNotZero();
        assertThat(output).as(problem).contains(setting);
    }

    /** The good file with one top-level section replaced by {@code override}. */
    private String merged(String override) {
        String section = override.substring(0, override.indexOf(':'));
        StringBuilder out = new StringBuilder();
        boolean skipping = false;
        for (String line : GOOD.formatted(dir.resolve("spool")).split("\n")) {
            if (!line.startsWith(" ")) {
                skipping = line.startsWith(section + ":");
            }
            if (!skipping) {
                out.append(line).append('\n');
            }
        }
        return out + override.strip() + "\n";
    }

    private static List<String> command(Path config) throws IOException {
        Path jar = Path.of(System.getProperty("secumon.repo"), "agent", "target", "secumon-agent-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no agent jar at " + jar + ": run through './mvnw verify'");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString()));
        return command;
    }
}
