package io.secumon.agent.collect.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import oshi.software.os.OSProcess.State;

class ProcPidStatTest {

    @TempDir
    Path proc;
    @TempDir
    Path etc;

    private static String stat(int pid, String comm, char state, long utime, long stime, long start, long rss) {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
        // utime stime cutime cstime priority nice threads itrealvalue starttime vsize rss ...
        return pid + " (" + comm + ") " + state + " 1 1 1 0 -1 4194560 10 0 0 0 " + utime + " " + stime
                + " 0 0 20 0 1 0 " + start + " 3133440 " + rss + " 18446744073709551615 1 1 0 0 0\n";
    }

    private void process(int pid, String statLine) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("stat"), statLine);
    }

    private ProcPidStat table() throws IOException {
        Path passwd = Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        return new ProcPidStat(proc, new UserNames(passwd), 4096);
    }

    @Test
    void snapshot_readsStateCpuStartAndRssOfEveryPid() throws IOException {
        process(1, stat(1, "systemd", 'S', 150, 50, 7, 3238));
        process(42, stat(42, "java", 'R', 1_000, 234, 99, 100));
        process(77, stat(77, "defunct", 'Z', 0, 0, 120, 0));
        Files.createDirectories(proc.resolve("self"));
        Files.createDirectories(proc.resolve("sys")); // not a pid

        List<ProcessSnapshot> processes = table().snapshot().stream()
                .sorted(Comparator.comparingInt(ProcessSnapshot::pid)).toList();

        assertThat(processes).extracting(ProcessSnapshot::pid).containsExactly(1, 42, 77);
        ProcessSnapshot java = processes.get(1);
        assertThat(java.name()).isEqualTo("java");
        assertThat(java.state()).isEqualTo(State.RUNNING);
        assertThat(java.cpuMillis()).isEqualTo(12_340); // (1000 + 234) ticks at 100/s
        assertThat(java.startTime()).isEqualTo(99);
        assertThat(java.rssBytes()).isEqualTo(100 * 4096);
        assertThat(processes.get(2).state()).isEqualTo(State.ZOMBIE);
        assertThat(processes.get(0).user().get()).isEqualTo(
                new UserNames(etc.resolve("passwd")).ownerOf(proc.resolve("1")));
    }

    @Test
    void snapshot_commandNamesWithSpacesAndParenthesesAreKeptWhole() throws IOException {
        process(5, stat(5, "tmux: server) (x", 'S', 1, 2, 3, 4));

        ProcessSnapshot p = table().snapshot().getFirst();

        assertThat(p.name()).isEqualTo("tmux: server) (x");
        assertThat(p.cpuMillis()).isEqualTo(30);
        assertThat(p.rssBytes()).isEqualTo(4 * 4096);
    }

    @Test
    void snapshot_skipsProcessesThatExitedOrAreGarbled() throws IOException {
        Files.createDirectories(proc.resolve("9")); // exited: the directory is there, stat is gone
        process(10, "10 (short) S 1\n");
        process(11, stat(11, "ok", 'D', 0, 0, 0, 0));

        assertThat(table().snapshot()).singleElement().satisfies(p -> {
            assertThat(p.pid()).isEqualTo(11);
            assertThat(p.state()).isEqualTo(State.WAITING);
        });
    }

    @Test
    void state_mapsLinuxLettersToOshisVocabulary() {
        assertThat(ProcPidStat.state('T')).isEqualTo(State.STOPPED);
        assertThat(ProcPidStat.state('I')).isEqualTo(State.OTHER);
        assertThat(ProcPidStat.state('X')).isEqualTo(State.OTHER);
    }

    @Test
    void userNames_unknownUidIsNumeric_untilThePasswordFileNamesIt() throws IOException {
        Path passwd = Files.writeString(etc.resolve("passwd"), "root:x:0:0::/root:/bin/sh\n# comment\n");
        UserNames users = new UserNames(passwd);
        assertThat(users.name(0)).isEqualTo("root");
        assertThat(users.name(1001)).isEqualTo("1001");

        Files.writeString(passwd, "root:x:0:0::/root:/bin/sh\nalice:x:1001:1001::/home/alice:/bin/sh\n");
        Files.setLastModifiedTime(passwd, FileTime.fromMillis(System.currentTimeMillis() + 5_000));

        assertThat(users.name(1001)).isEqualTo("alice");
    }

    @Test
    void snapshot_onThisLinuxHost_findsItself() {
        Path real = Path.of("/proc");
        if (!ProcPidStat.availableAt(real)) {
            return; // not Linux
        }
        long self = ProcessHandle.current().pid();

        List<ProcessSnapshot> processes = new ProcPidStat(real, new UserNames(Path.of("/etc/passwd")), 4096).snapshot();

        assertThat(processes).anySatisfy(p -> {
            assertThat(p.pid()).isEqualTo((int) self);
            assertThat(p.cpuMillis()).isPositive();
            assertThat(p.rssBytes()).isPositive();
            assertThat(p.user().get()).isNotBlank();
        });
    }
}
