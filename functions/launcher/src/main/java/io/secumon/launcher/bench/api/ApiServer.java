package io.secumon.launcher.bench.api;

import io.secumon.launcher.component.ComponentProcess;
import io.secumon.launcher.component.Database;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The real api, started from its executable jar as its own process (as a container runs
 * it), on a free port against the benchmark database. Other {@code SECUMON_API_*} settings
 * (the pool size, say) reach it from the benchmark's environment.
 */
final class ApiServer implements AutoCloseable {

    static final String JAR = "functions/api/target/secumon-api-0.1.0-SNAPSHOT-exec.jar";

    private final ComponentProcess process;
    private final URI base;

    private ApiServer(ComponentProcess process, URI base) {
        this.process = process;
        this.base = base;
    }

    /** Starts the api and waits until {@code GET /health/ready} answers 200. */
    static ApiServer start(Path repo, Database database, Path logDirectory, Duration timeout)
            throws InterruptedException {
        int port = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("SECUMON_DB_URL", database.url());
        env.put("SECUMON_DB_USER", database.user());
        env.put("SECUMON_DB_PASSWORD", database.password());
        env.put("SECUMON_API_PORT", Integer.toString(port));
        ComponentProcess process = new ComponentProcess("api", repo.resolve(JAR), env, logDirectory).start();
        ApiServer server = new ApiServer(process, URI.create("http://127.0.0.1:" + port));
        try {
            server.awaitReady(timeout);
        } catch (RuntimeException | InterruptedException e) {
            process.stop();
            throw e;
        }
        return server;
    }

    URI base() {
        return base;
    }

    ComponentProcess process() {
        return process;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (HttpClient client = HttpClient.newHttpClient()) {
            while (true) {
                process.checkAlive();
                try {
                    if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("api not ready within " + timeout + "; see " + process.log());
                }
                Thread.sleep(250);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    @Override
    public void close() {
        process.stop();
    }
}
