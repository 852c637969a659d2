package io.secumon.agent.collect.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import oshi.software.os.OSProcess.State;

/**
 * Linux processes from {@code /proc/<pid>/stat}, one read per process; the owner is the uid
 * owning {@code /proc/<pid>}, named through {@link UserNames} only when asked.
 *
 * <p>The stat line is {@code pid (comm) state ppid ...}; the command name may itself contain
 * spaces and parentheses, so fields are counted from the last {@code ')'}. Fields used
 * (proc(5), 1-based): 3 state, 14 utime, 15 stime, 22 starttime, 24 rss (pages). CPU times are
 * in USER_HZ ticks, which Linux fixes at 100 per second for everything it exports to user space.
 */
public final class ProcPidStat implements ProcessTable {

    static final long TICKS_PER_SECOND = 100;

    private final Path proc;
    private final UserNames users;
    private final long pageSize;

    /**
     * @param proc     the {@code /proc} directory (a test directory in tests)
     * @param users    names uids
     * @param pageSize bytes per memory page (OSHI's {@code GlobalMemory.getPageSize()})
     */
    public ProcPidStat(Path proc, UserNames users, long pageSize) {
        this.proc = proc;
        this.users = users;
        this.pageSize = pageSize;
    }

    /** Whether {@code proc} looks like Linux's process file system. */
    public static boolean availableAt(Path proc) {
        return Files.isReadable(proc.resolve("self/stat"));
    }

    @Override
    public List<ProcessSnapshot> snapshot() {
        List<ProcessSnapshot> processes = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, ProcPidStat::isPid)) {
            for (Path dir : entries) {
                ProcessSnapshot p = read(dir);
                if (p != null) {
                    processes.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list processes in " + proc, e);
        }
        return processes;
    }

    private static boolean isPid(Path entry) {
        String name = entry.getFileName().toString();
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return !name.isEmpty();
    }

    /** The process of {@code dir}, or null when it exited (or is unreadable) meanwhile. */
    private ProcessSnapshot read(Path dir) {
        String line;
        try {
            line = new String(Files.readAllBytes(dir.resolve("stat")), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return null; // exited between listing and reading
        } catch (IOException e) {
            return null; // e.g. hidepid: not ours to see
        }
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        String[] fields = line.substring(close + 2).split(" ");
        if (fields.length < 22) {
            return null;
        }
        // fields[0] is field 3 of proc(5)
        int pid = Integer.parseInt(line, 0, open - 1, 10);
        long cpuTicks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        long startTime = Long.parseLong(fields[19]);
        long rssPages = Long.parseLong(fields[21]);
        return new ProcessSnapshot(pid, startTime, line.substring(open + 1, close), state(fields[0].charAt(0)),
                cpuTicks * 1000 / TICKS_PER_SECOND, Math.max(0, rssPages) * pageSize, () -> users.ownerOf(dir));
    }

    /** The state letters as OSHI names them on Linux. */
    static State state(char letter) {
        return switch (letter) {
            case 'R' -> State.RUNNING;
            case 'S' -> State.SLEEPING;
            case 'D' -> State.WAITING;
            case 'Z' -> State.ZOMBIE;
            case 'T' -> State.STOPPED;
            default -> State.OTHER;
        };
    }
}
