package io.secumon.agent.collect.process;

import java.util.function.Supplier;
import oshi.software.os.OSProcess.State;

/**
 * One process as one collection saw it.
 *
 * @param pid       process id
 * @param startTime when it started, in the source's own unit: only compared for equality, so
 *                  that a recycled pid does not inherit another process's CPU time
 * @param name      command name
 * @param state     scheduling state, in OSHI's vocabulary
 * @param cpuMillis user + system CPU time used so far
 * @param rssBytes  resident memory
 * @param user      the owner's name, looked up only when asked (only reported processes are)
 */
public record ProcessSnapshot(int pid, long startTime, String name, State state, long cpuMillis, long rssBytes,
                              Supplier<String> user) {
}
