package io.secumon.agent.collect.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import oshi.software.os.InternetProtocolStats.TcpState;

class ProcNetTcpTest {

    private static final String HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    @TempDir
    Path procNet;

    private static String socket(int sl, String state) {
        return String.format("%4d: 0100007F:1F90 0100007F:C350 %s 00000000:00000000 00:00000000 00000000"
                + "  1000        0 %d 1 0000000000000000 20 4 30 10 -1%n", sl, state, 1000 + sl);
    }

    @Test
    void count_readsTheStateColumnOfBothTables() throws IOException {
        Files.writeString(procNet.resolve("tcp"), HEADER + socket(0, "0A") + socket(1, "01") + socket(2, "06")
                + socket(3, "01"));
        Files.writeString(procNet.resolve("tcp6"), HEADER + socket(0, "0A") + socket(1, "08"));

        Map<TcpState, Integer> counts = new ProcNetTcp(procNet).count();

        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
                TcpState.LISTEN, 2, TcpState.ESTABLISHED, 2, TcpState.TIME_WAIT, 1, TcpState.CLOSE_WAIT, 1));
    }

    @Test
    void count_withoutAnIpv6Table_countsIpv4Only() throws IOException {
        Files.writeString(procNet.resolve("tcp"), HEADER + socket(0, "0B") + socket(1, "02"));

        assertThat(new ProcNetTcp(procNet).count())
                .containsExactlyInAnyOrderEntriesOf(Map.of(TcpState.CLOSING, 1, TcpState.SYN_SENT, 1));
        assertThat(ProcNetTcp.availableAt(procNet)).isTrue();
    }

    @Test
    void count_anUnknownOrGarbledStateIsUnknown() throws IOException {
        Files.writeString(procNet.resolve("tcp"), HEADER + socket(0, "0C") + socket(1, "zz") + "   7:\n");

        assertThat(new ProcNetTcp(procNet).count()).containsExactlyEntriesOf(Map.of(TcpState.UNKNOWN, 3));
    }

    @Test
    void noTables_isNotAvailable_andCountsNothing() {
        assertThat(ProcNetTcp.availableAt(procNet)).isFalse();
        assertThat(new ProcNetTcp(procNet).count()).isEmpty();
    }

    @Test
    void count_onThisLinuxHost_agreesInShapeWithTheKernel() throws IOException {
        Path real = Path.of("/proc/net");
        if (!ProcNetTcp.availableAt(real)) {
            return; // not Linux
        }
        Map<TcpState, Integer> counts = new ProcNetTcp(real).count();
        assertThat(counts.values()).allMatch(n -> n > 0);
        assertThat(counts).doesNotContainKey(TcpState.UNKNOWN);
        // every socket line of the kernel's tables is counted once (sockets come and go
        // between the two reads, hence the tolerance)
        long lines = socketLines(real.resolve("tcp")) + socketLines(real.resolve("tcp6"));
        assertThat(counts.values().stream().mapToLong(Integer::longValue).sum()).isCloseTo(lines, within(5L));
    }

    private static long socketLines(Path table) throws IOException {
        if (!Files.exists(table)) {
            return 0;
        }
        try (var lines = Files.lines(table)) {
            return lines.skip(1).count();
        }
    }

    @Test
    void count_aTableThatIsADirectory_failsNamingIt() throws IOException {
        Files.createDirectory(procNet.resolve("tcp"));
        assertThatThrownBy(() -> new ProcNetTcp(procNet).count())
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("tcp");
    }
}
