package io.secumon.launcher.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One reading of a process's resource use from Linux {@code /proc}: resident set size from
 * {@code /proc/<pid>/status} (VmRSS, kB) and CPU time from {@code /proc/<pid>/stat}
 * (utime + stime of all its threads, and cutime + cstime of its reaped children, in clock
 * ticks: USER_HZ, 100 per second on Linux).
 */
record ProcStats(long rssKb, long cpuTicks, long childCpuTicks) {

    /** Reads the process's figures; fails when it is gone. */
    static ProcStats read(long pid) throws IOException {
        Path dir = Path.of("/proc", Long.toString(pid));
        String stat = Files.readString(dir.resolve("stat"));
        return new ProcStats(rssKb(Files.readString(dir.resolve("status"))), cpuTicks(stat), childCpuTicks(stat));
    }

    /** The VmRSS line of {@code /proc/<pid>/status}, in kB. */
    static long rssKb(String status) {
        return status.lines().filter(l -> l.startsWith("VmRSS:")).findFirst()
                .map(l -> Long.parseLong(l.substring("VmRSS:".length()).replace("kB", "").strip()))
                .orElseThrow(() -> new IllegalStateException("no VmRSS in /proc/<pid>/status"));
    }

    /** utime + stime (fields 14 and 15) of {@code /proc/<pid>/stat}. */
    static long cpuTicks(String stat) {
        String[] f = fieldsAfterCommand(stat);
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** cutime + cstime (fields 16 and 17) of {@code /proc/<pid>/stat}. */
    static long childCpuTicks(String stat) {
        String[] f = fieldsAfterCommand(stat);
        return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /** Fields from 3 (state) on: the command (field 2) is in parentheses and may hold spaces. */
    private static String[] fieldsAfterCommand(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).strip().split("\\s+");
    }
}
