package io.secumon.agent.collect.network;

import io.secumon.agent.collect.Collector;
import io.secumon.agent.collect.RateTracker;
import io.secumon.agent.collect.SampleSink;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import oshi.hardware.NetworkIF;
import oshi.software.os.InternetProtocolStats.TcpState;

/**
 * Traffic rates per interface (labelled {@code interface}) and TCP connections by state.
 *
 * <p>Interface values are rates between two collections (see {@link RateTracker}). TCP
 * counts cover IPv4 and IPv6 and are emitted for every real state, zero included, so a
 * state that empties shows as 0 rather than as a gap.
 */
public final class NetworkCollector implements Collector {

    private final Supplier<List<NetworkIF>> interfaces;
    private final TcpStates tcpStates;
    private final RateTracker rates;

    /**
     * @param interfaces fresh interface snapshots on each call (OSHI's {@code getNetworkIFs})
     * @param tcpStates the host's TCP sockets by state
     */
    public NetworkCollector(Supplier<List<NetworkIF>> interfaces, TcpStates tcpStates, Clock clock) {
        this.interfaces = interfaces;
        this.tcpStates = tcpStates;
        this.rates = new RateTracker(clock);
    }

    @Override
    public String name() {
        return "network";
    }

    @Override
    public void collect(SampleSink sink) {
        for (NetworkIF nic : interfaces.get()) {
            String name = nic.getName();
            Map<String, String> labels = Map.of("interface", name);
            rates.gaugePerSecond(sink, "net.received_bytes_per_second", labels, name, nic.getBytesRecv());
            rates.gaugePerSecond(sink, "net.sent_bytes_per_second", labels, name, nic.getBytesSent());
            rates.gaugePerSecond(sink, "net.received_packets_per_second", labels, name, nic.getPacketsRecv());
            rates.gaugePerSecond(sink, "net.sent_packets_per_second", labels, name, nic.getPacketsSent());
            rates.gaugePerSecond(sink, "net.receive_errors_per_second", labels, name, nic.getInErrors());
            rates.gaugePerSecond(sink, "net.send_errors_per_second", labels, name, nic.getOutErrors());
            rates.gaugePerSecond(sink, "net.receive_drops_per_second", labels, name, nic.getInDrops());
        }
        tcpConnections(sink);
    }

    private void tcpConnections(SampleSink sink) {
        Map<TcpState, Integer> counts = new EnumMap<>(TcpState.class);
        for (TcpState state : TcpState.values()) {
            if (state != TcpState.UNKNOWN && state != TcpState.NONE) { // not states of a socket
                counts.put(state, 0);
            }
        }
        tcpStates.count().forEach((state, n) -> counts.computeIfPresent(state, (s, zero) -> n));
        counts.forEach((state, n) ->
                sink.gauge("net.tcp_connections", Map.of("state", state.name().toLowerCase(Locale.ROOT)), n));
    }
}
