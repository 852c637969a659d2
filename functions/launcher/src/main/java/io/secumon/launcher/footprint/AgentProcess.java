package io.secumon.launcher.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The agent as its own process, {@code java <shipped flags> -jar <agent jar> run --config FILE}
 * with the unit's environment added,
 * output appended to a log. (Not {@code ComponentProcess}: that one runs every component
 * with the pipeline's heap settings, the agent must run with the flags it ships with.)
 */
final class AgentProcess implements AutoCloseable {

    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    AgentProcess(Path jar, List<String> jvmFlags, Map<String, String> environment, Path config, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no agent jar at " + jar + ": build it first with './mvnw -DskipTests package'");
        }
        command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString()));
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    List<String> command() {
        return List.copyOf(command);
    }

    AgentProcess start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Only the config file configures it: SECUMON_AGENT_* of the caller's shell would win over it.
        builder.environment().keySet().removeIf(k -> k.startsWith("SECUMON_AGENT_"));
        builder.environment().putAll(environment);
        Files.createDirectories(log.getParent());
        process = builder.start();
        return this;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Fails with the log's location when the agent died. */
    void checkAlive() {
        if (!isAlive()) {
            throw new IllegalStateException("the agent exited with code "
                    + (process == null ? "?" : process.exitValue()) + "; see " + log);
        }
    }

    /** SIGTERM, as systemd stops it; SIGKILL after 30 s. Returns the exit code. */
    int stop() throws InterruptedException {
        if (process == null) {
            return -1;
        }
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
