package io.secumon.agent.collect.systemd;

import java.io.IOException;
import java.util.List;

/** Runs an external command; the seam that lets tests feed canned output. */
@FunctionalInterface
public interface CommandRunner {

    /**
     * Runs {@code command} and returns its standard output.
     *
     * @throws IOException when the command cannot be started, times out or exits non-zero
     */
    String run(List<String> command) throws IOException;
}
