package io.secumon.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.testing.TestDatabase;
import io.secumon.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Acceptance of the one-command local run: exactly what the README tells a newcomer, in a
 * checkout where {@code ./mvnw} has built everything. Run {@code infra/local/up}, paste the
 * curl command it prints, see this host's CPU usage; Ctrl-C (here SIGTERM) stops it all.
 */
class LocalRunEndToEndTest {

    /** Generous: the first start unpacks PostgreSQL and creates its cluster, on a busy 2-core machine. */
    private static final Duration START = Duration.ofMinutes(4);
    /** The promise to a newcomer: the CPU shows within 20 s of the run saying it is ready. */
    private static final Duration CPU_SHOWS = Duration.ofSeconds(20);
    private static final Duration STOP = Duration.ofSeconds(30);

    @TempDir
    Path runDirectory;

    @Test
    void readmeCommand_curlItPrintsShowsThisHostsCpuWithin20s_andSigtermStopsEverythingCleanly() throws Exception {
        try (LocalRun run = LocalRun.start(runDirectory, Map.of())) {
            LocalRun.Line ready = run.awaitLine(ReadyMessage.READY::equals, START);
            String curl = run.awaitLine(line -> line.strip().startsWith("curl "), Duration.ofSeconds(5)).text();

            JsonNode cpu = awaitCpu(PrintedCurl.parse(curl), ready.at().plus(CPU_SHOWS), run);

            assertThat(cpu.path("value").asDouble(-1)).as("this host's CPU usage in %").isBetween(0.0, 100.0);
            assertThat(run.output()).as("the embedded database is used")
                    .contains("(embedded PostgreSQL").contains("chained in memory");
            assertThat(runDirectory.resolve("postgres/PG_VERSION")).as("the data directory of the run").exists();

            assertStopsCleanly(run);
        }
    }

    @Test
    void withSecumonDbUrl_usesThatDatabase_creatingItWhenMissing() throws Exception {
        TestDatabase database = new TestDatabase(TestServices.postgres(),
                "secumon_test_local_" + Long.toString(System.nanoTime(), 36));
        try (database; LocalRun run = LocalRun.start(runDirectory, Map.of(
                "SECUMON_DB_URL", database.jdbcUrl(),
                "SECUMON_DB_USER", database.username(),
                "SECUMON_DB_PASSWORD", database.password()))) {
            LocalRun.Line ready = run.awaitLine(ReadyMessage.READY::equals, START);
            String curl = run.awaitLine(line -> line.strip().startsWith("curl "), Duration.ofSeconds(5)).text();

            awaitCpu(PrintedCurl.parse(curl), ready.at().plus(CPU_SHOWS), run);

            assertThat(run.output()).contains(database.jdbcUrl() + "   (SECUMON_DB_URL)");
            assertThat(runDirectory.resolve("postgres")).as("no embedded database").doesNotExist();
            try (var connection = database.connect(); var statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT count(*) FROM samples")) {
                assertThat(rows.next() && rows.getLong(1) > 0).as("samples stored in the given database").isTrue();
            }
            assertStopsCleanly(run);
        }
    }

    /** Runs the printed command until its answer holds a CPU value, failing after {@code deadline}. */
    private static JsonNode awaitCpu(PrintedCurl curl, Instant deadline, LocalRun run) throws Exception {
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            body = curl.run();
            Optional<JsonNode> cpu = cpuUsage(body);
            if (cpu.isPresent()) {
                return cpu.get();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the printed curl command showed no cpu.usage_percent within " + CPU_SHOWS
                + " of start-up; last answer: " + body + "\noutput of infra/local/up:\n" + run.output());
    }

    private static Optional<JsonNode> cpuUsage(String body) {
        JsonNode answer;
        try {
            answer = new ObjectMapper().readTree(body);
        } catch (RuntimeException notJson) {
            return Optional.empty(); // e.g. the connection was refused
        }
        for (JsonNode item : answer.path("items")) {
            if ("cpu.usage_percent".equals(item.path("metric").asString(null)) && item.path("value").isNumber()) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    private static void assertStopsCleanly(LocalRun run) throws Exception {
        Optional<Integer> exit = run.terminate(STOP);
        assertThat(exit).as("exited within " + STOP).isPresent();
        // 143 = 128 + SIGTERM: the JVM ran its shutdown hook and ended as signalled.
        assertThat(exit.get()).as("exit status").isEqualTo(143);
        String output = run.output();
        assertThat(output).as("stopped in order").containsSubsequence("secumon: stopping local agent",
                "secumon: stopping edge", "secumon: stopping api", "secumon: stopping normalize and store",
                "secumon: stopped");
        assertThat(output).as("no errors").doesNotContain(" ERROR ");
        assertThat(EmbeddedDatabase.runningPostmaster(run.runDirectory().resolve("postgres")))
                .as("PostgreSQL stopped").isEmpty();
        assertThat(Files.exists(run.runDirectory().resolve("postgres/postmaster.pid")))
                .as("PostgreSQL shut down cleanly (no pid file left)").isFalse();
    }
}
