package io.secumon.launcher.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code infra/local/up} run as a newcomer runs it, from the checkout's root, as a child
 * process of the test: its output is collected line by line (with the time each line
 * appeared), and {@link #close()} makes sure nothing it started outlives the test.
 */
final class LocalRun implements AutoCloseable {

    record Line(Instant at, String text) {
    }

    private final Process process;
    private final Path runDirectory;
    private final List<Line> output = new ArrayList<>(); // guarded by itself
    private final Thread collector;

    private LocalRun(Process process, Path runDirectory) {
        this.process = process;
        this.runDirectory = runDirectory;
        this.collector = Thread.ofPlatform().daemon().name("local-run-output").start(this::collect);
    }

    /** The checkout under test (set by the build, see the launcher's pom). */
    static Path repo() {
        return Path.of(System.getProperty("secumon.repo", "../..")).toAbsolutePath().normalize();
    }

    /**
     * Starts {@code infra/local/up} without building (the build already happened) and with
     * ports and a run directory of the test's own, so that it disturbs neither a running
     * local SecuMon nor a developer's data; {@code extra} adds settings. SECUMON_* variables
     * of the test's own environment are not passed on.
     */
    static LocalRun start(Path runDirectory, Map<String, String> extra) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(repo().resolve("infra/local/up").toString())
                .directory(repo().toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("SECUMON_"));
        env.put("SECUMON_BUILD", "0");
        env.put("SECUMON_LOCAL_DIR", runDirectory.toString());
        env.put("SECUMON_LOCAL_DB_PORT", String.valueOf(freePort()));
        env.put("SECUMON_API_PORT", String.valueOf(freePort()));
        env.put("SECUMON_EDGE_GRPC_PORT", String.valueOf(freePort()));
        env.put("SECUMON_EDGE_METRICS_PORT", String.valueOf(freePort()));
        env.putAll(extra);
        return new LocalRun(builder.start(), runDirectory);
    }

    /** The first line matching {@code condition}, waiting for it at most {@code timeout}. */
    Line awaitLine(Predicate<String> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Line> line = find(condition);
            if (line.isPresent()) {
                return line.get();
            }
            if (!process.isAlive()) {
                throw new AssertionError("infra/local/up exited with " + process.exitValue()
                        + " before printing the expected line; its output:\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("infra/local/up did not print the expected line within " + timeout
                        + "; its output so far:\n" + output());
            }
            Thread.sleep(100);
        }
    }

    Optional<Line> find(Predicate<String> condition) {
        synchronized (output) {
            return output.stream().filter(line -> condition.test(line.text())).findFirst();
        }
    }

    Path runDirectory() {
        return runDirectory;
    }

    /** Everything printed so far. */
    String output() {
        StringBuilder text = new StringBuilder();
        synchronized (output) {
            output.forEach(line -> text.append(line.text()).append('\n'));
        }
        return text.toString();
    }

    /**
     * Sends SIGTERM (as {@code kill} or a service manager would) and waits for the exit;
     * once exited, {@link #output()} holds everything it printed.
     */
    Optional<Integer> terminate(Duration timeout) throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of its output.
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.empty();
        }
        collector.join(Duration.ofSeconds(5));
        return Optional.of(process.exitValue());
    }

    private void collect() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String text;
            while ((text = reader.readLine()) != null) {
                synchronized (output) {
                    output.add(new Line(Instant.now(), text));
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /**
     * Kills the run if the test left it running, and the embedded PostgreSQL with it: that
     * server is detached from the launcher (pg_ctl starts it), so it is found by its pid file.
     */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        EmbeddedDatabase.runningPostmaster(runDirectory.resolve("postgres")).ifPresent(postmaster -> {
            postmaster.destroy();
            postmaster.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
