package io.secumon.agent.collect.network;

import java.util.EnumMap;
import java.util.Map;
import oshi.software.os.InternetProtocolStats;
import oshi.software.os.InternetProtocolStats.IPConnection;
import oshi.software.os.InternetProtocolStats.TcpState;

/**
 * Counts the host's TCP sockets (IPv4 and IPv6) by state.
 *
 * <p>Two sources: {@link ProcNetTcp} on Linux, and {@link #of(InternetProtocolStats) OSHI's
 * connection list} elsewhere. OSHI's list also resolves the process owning every socket by
 * walking every process's open file descriptors, which on a busy server costs far more than
 * the counts are worth; the state column of {@code /proc/net/tcp} is all the counts need.
 */
@FunctionalInterface
public interface TcpStates {

    /** The number of TCP sockets in each state seen; states with none may be absent. */
    Map<TcpState, Integer> count();

    /** Counts from OSHI's connection list (any platform OSHI supports). */
    static TcpStates of(InternetProtocolStats ipStats) {
        return () -> {
            Map<TcpState, Integer> counts = new EnumMap<>(TcpState.class);
            for (IPConnection c : ipStats.getConnections()) {
                if (c.getType().startsWith("tcp")) {
                    counts.merge(c.getState(), 1, Integer::sum);
                }
            }
            return counts;
        };
    }
}
