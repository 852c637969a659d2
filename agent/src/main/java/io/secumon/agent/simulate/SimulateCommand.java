package io.secumon.agent.simulate;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * {@code secumon-agent simulate}: paces the credentials' agents through the edge (see
 * {@link Simulator#pace}), prints a progress line to stderr every 10 s and, at the end, one
 * summary line on stdout: {@code agents=N batches=B samples=S failed=F} (batches and samples
 * acknowledged by the edge).
 */
public final class SimulateCommand {

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final Consumer<Runnable> onShutdown;
    private final Duration progressEvery;

    /** @param onShutdown registers what to do when the process is asked to stop (in main: a shutdown hook) */
    public SimulateCommand(PrintStream out, PrintStream err, Clock clock, Consumer<Runnable> onShutdown) {
        this(out, err, clock, onShutdown, Duration.ofSeconds(10));
    }

    SimulateCommand(PrintStream out, PrintStream err, Clock clock, Consumer<Runnable> onShutdown,
                    Duration progressEvery) {
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.onShutdown = onShutdown;
        this.progressEvery = progressEvery;
    }

    /** Runs until the duration passed or the process is stopped; returns the exit code (0). */
    public int execute(SimulationSettings settings) throws InterruptedException {
        List<Simulator.Agent> agents = Credentials.read(settings.credentials(), settings.agents());
        Simulator simulator = new Simulator(settings.endpoint().host(), settings.endpoint().port(),
                settings.plaintext(), clock);
        CountDownLatch summarised = new CountDownLatch(1);
        // On Ctrl-C the JVM halts once the hook returns: let it wait for the summary line.
        onShutdown.accept(() -> {
            simulator.stop();
            try {
                summarised.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        err.printf("simulate: %d agents x %d series every %s to %s%s%n", agents.size(), settings.series(),
                settings.interval(), settings.endpoint(), settings.duration().map(d -> " for " + d).orElse(""));
        Thread progress = Thread.ofPlatform().daemon().name("simulate-progress").start(() -> progress(simulator));
        try {
            simulator.pace(agents, new Simulator.Pace(settings.series(), settings.interval()), settings.duration());
        } finally {
            progress.interrupt();
            out.printf("agents=%d batches=%d samples=%d failed=%d%n", agents.size(), simulator.acked(),
                    simulator.samplesAcked(), simulator.failed());
            out.flush();
            summarised.countDown();
        }
        return 0;
    }

    private void progress(Simulator simulator) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(progressEvery.toMillis());
                err.printf("simulate: %d batches acked, %d failed%n", simulator.acked(), simulator.failed());
            }
        } catch (InterruptedException stop) {
            // the run is over
        }
    }
}
