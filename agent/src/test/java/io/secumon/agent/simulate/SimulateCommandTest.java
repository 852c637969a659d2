package io.secumon.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.agent.ship.FakeEdge;
import io.secumon.agent.cli.AgentCommandLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.secumon.agent.collect.LinuxHost;

/** {@code secumon-agent simulate} end to end against a real gRPC server on localhost. */
class SimulateCommandTest {

    @TempDir
    Path dir;

    private final FakeEdge edge = new FakeEdge();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    SimulateCommandTest() throws Exception {
    }

    @AfterEach
    void stop() throws InterruptedException {
        edge.close();
    }

    private Path credentials() throws Exception {
        return Files.writeString(dir.resolve("agents.txt"), "agent-a tok-a\nagent-b tok-b\nagent-c tok-c\n");
    }

    @Test
    void simulate_printsTheSummaryOfWhatTheEdgeAcknowledged() throws Exception {
        int code = new AgentCommandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), LinuxHost.open(), Clock.systemUTC(),
                Thread::sleep, stop -> { })
                .execute("simulate", "--agents", "2", "--series", "3", "--interval", "100ms", "--duration", "500ms",
                        "--endpoint", "127.0.0.1:" + edge.port(), "--credentials", credentials().toString(),
                        "--plaintext");

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        long batches = edge.batchCount();
        assertThat(batches).isPositive();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("agents=2 batches=" + batches + " samples=" + batches * 3 + " failed=0\n");
        assertThat(edge.batchesByAgent).containsOnlyKeys("agent-a", "agent-b");
    }

    @Test
    void execute_printsProgressToStderr_andTheShutdownHookEndsTheRun() throws Exception {
        List<Runnable> hooks = new CopyOnWriteArrayList<>();
        SimulateCommand command = new SimulateCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC(), hooks::add,
                Duration.ofMillis(100));
        SimulationSettings settings = new SimulationSettings(1, 2, Duration.ofMillis(50),
                new io.secumon.agent.config.AgentConfig.Endpoint("127.0.0.1", edge.port()), credentials(),
                Optional.empty(), true);
        Thread stopper = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(400);
                hooks.getFirst().run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        int code = command.execute(settings);
        stopper.join(10_000);

        assertThat(code).isZero();
        assertThat(stopper.isAlive()).as("the hook waited for the summary, then returned").isFalse();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("batches acked, 0 failed");
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("agents=1 batches=").endsWith(" failed=0\n");
    }
}
