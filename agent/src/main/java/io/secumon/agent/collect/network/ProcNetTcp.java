package io.secumon.agent.collect.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import oshi.software.os.InternetProtocolStats.TcpState;

/**
 * Linux TCP socket counts by state from {@code /proc/net/tcp} and {@code /proc/net/tcp6}:
 * one sequential read of the kernel's socket tables, nothing per process.
 *
 * <p>Each line after the header is one socket; its fourth column ({@code st}) is the
 * kernel's state number in hex (include/net/tcp_states.h). A missing tcp6 file (IPv6
 * disabled) counts as no sockets.
 */
public final class ProcNetTcp implements TcpStates {

    // Index = the kernel's state number (TCP_ESTABLISHED = 1 ... TCP_CLOSING = 11).
    private static final TcpState[] KERNEL_STATES = {
        TcpState.UNKNOWN, TcpState.ESTABLISHED, TcpState.SYN_SENT, TcpState.SYN_RECV,
        TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2, TcpState.TIME_WAIT, TcpState.CLOSED,
        TcpState.CLOSE_WAIT, TcpState.LAST_ACK, TcpState.LISTEN, TcpState.CLOSING,
    };

    private final List<Path> tables;

    /** @param procNet the {@code /proc/net} directory (a test directory in tests) */
    public ProcNetTcp(Path procNet) {
        this.tables = List.of(procNet.resolve("tcp"), procNet.resolve("tcp6"));
    }

    /** Whether this host has the Linux socket table this source reads. */
    public static boolean availableAt(Path procNet) {
        return Files.isReadable(procNet.resolve("tcp"));
    }

    @Override
    public Map<TcpState, Integer> count() {
        Map<TcpState, Integer> counts = new EnumMap<>(TcpState.class);
        for (Path table : tables) {
            try (BufferedReader in = Files.newBufferedReader(table, StandardCharsets.US_ASCII)) {
                in.readLine(); // header
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    counts.merge(state(line), 1, Integer::sum);
                }
            } catch (NoSuchFileException e) {
                // no IPv6 (or, oddly, no IPv4) table: no sockets of that family
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + table, e);
            }
        }
        return counts;
    }

    /** The state of one socket line: "  sl  local rem st ...", columns separated by blanks. */
    private static TcpState state(String line) {
        int column = 0;
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < n && line.charAt(i) != ' ') {
                i++;
            }
            if (column++ == 3) {
                try {
                    int code = Integer.parseInt(line, start, i, 16);
                    return code > 0 && code < KERNEL_STATES.length ? KERNEL_STATES[code] : TcpState.UNKNOWN;
                } catch (NumberFormatException e) {
                    return TcpState.UNKNOWN;
                }
            }
        }
        return TcpState.UNKNOWN;
    }
}
