package io.secumon.agent.collect.process;

import java.util.List;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * The host's processes, read once per collection.
 *
 * <p>Two sources: {@link ProcPidStat} on Linux, and {@link #of(OperatingSystem) OSHI's
 * process list} elsewhere. OSHI reads five files for every process (stat, status, statm, io,
 * exe); the collector needs only what {@code /proc/<pid>/stat} holds plus the owner, so on a
 * host with a thousand processes the Linux source does a fifth of the reads and far less
 * parsing — most of the agent's CPU time per collection.
 */
@FunctionalInterface
public interface ProcessTable {

    /** The processes running now; one that exits while being read is left out. */
    List<ProcessSnapshot> snapshot();

    /** The processes as OSHI's operating system lists them (any platform OSHI supports). */
    static ProcessTable of(OperatingSystem os) {
        return () -> os.getProcesses().stream().map(ProcessTable::snapshotOf).toList();
    }

    private static ProcessSnapshot snapshotOf(OSProcess p) {
        return new ProcessSnapshot(p.getProcessID(), p.getStartTime(), p.getName(), p.getState(),
                p.getKernelTime() + p.getUserTime(), p.getResidentMemory(), p::getUser);
    }
}
