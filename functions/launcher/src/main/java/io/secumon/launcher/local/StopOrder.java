package io.secumon.launcher.local;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.LoggerFactory;

/**
 * The parts of a local run in the order they started, so that they stop in reverse: what
 * depends on a part stops before it (agent, edge, api, functions, database). Thread-safe:
 * a Ctrl-C during start-up stops whatever had started, and a part that finishes starting
 * after that is stopped at once.
 */
final class StopOrder {

    private record Part(String name, AutoCloseable closeable) {
    }

    private final Deque<Part> started = new ArrayDeque<>();
    private final PrintStream progress;
    private boolean stopping; // guarded by this

    /** @param progress where "stopping ..." lines go (the terminal) */
    StopOrder(PrintStream progress) {
        this.progress = progress;
    }

    /**
     * Records {@code part} as started and returns it.
     *
     * @throws IllegalStateException when the run is already stopping (the part is stopped first)
     */
    synchronized <T extends AutoCloseable> T started(String name, T part) {
        if (stopping) {
            close(new Part(name, part));
            throw new IllegalStateException("stopped while starting " + name);
        }
        started.push(new Part(name, part));
        return part;
    }

    /** Stops every part, newest first; a failure is logged and the rest still stop. Idempotent. */
    synchronized void stopAll() {
        stopping = true;
        while (!started.isEmpty()) {
            Part part = started.pop();
            progress.println("secumon: stopping " + part.name());
            close(part);
        }
    }

    private static void close(Part part) {
        try {
            part.closeable().close();
        } catch (Exception e) {
            LoggerFactory.getLogger(StopOrder.class).warn("stopping {} failed", part.name(), e);
        }
    }
}
