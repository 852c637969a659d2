package io.secumon.launcher.component;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One pipeline component (edge, normalize, store) running as its own operating-system
 * process from its executable jar, the way a container runs it: own JVM, configuration
 * only through environment variables, output to a log file.
 */
public final class ComponentProcess implements AutoCloseable {

    private final String name;
    private final Path jar;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    public ComponentProcess(String name, Path jar, Map<String, String> environment, Path logDirectory) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no executable jar for " + name + " at " + jar
                    + ": build it first with './mvnw -DskipTests package'");
        }
        this.name = name;
        this.jar = jar;
        this.environment = Map.copyOf(environment);
        this.log = logDirectory.resolve(name + ".log");
    }

    /** Starts the process (again, after {@link #kill()}); output is appended to the log. */
    public synchronized ComponentProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // The serial collector: on a 2-core machine a concurrent one would compete with the
        // broker and the database for the cores. A fixed heap, as a container's memory limit
        // gives one: grown from a small -Xms, the young generation stays a few MB and a busy
        // api collects it ~17 times a second (measured), each pause stalling every request.
        command.addAll(List.of("-Xms512m", "-Xmx512m", "-XX:+UseSerialGC", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** Kills the process abruptly (SIGKILL): no shutdown hook, no acks, no flush. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            await(Duration.ofSeconds(10));
        }
    }

    /** Asks the process to stop (SIGTERM) and waits for it, killing it after a grace period. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!await(Duration.ofSeconds(20))) {
                kill();
            }
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public String name() {
        return name;
    }

    public File log() {
        return log.toFile();
    }

    /** Fails with the log's location when the process died (e.g. bad configuration). */
    public void checkAlive() {
        if (!isAlive()) {
            throw new IllegalStateException(name + " exited with code "
                    + (process == null ? "?" : process.exitValue()) + "; see " + log);
        }
    }

    private boolean await(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
