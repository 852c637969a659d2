package io.secumon.agent.collect.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.secumon.agent.collect.ManualClock;
import io.secumon.agent.collect.RecordingSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import oshi.hardware.NetworkIF;
import oshi.software.os.InternetProtocolStats;
import oshi.software.os.InternetProtocolStats.IPConnection;
import oshi.software.os.InternetProtocolStats.TcpState;

class NetworkCollectorTest {

    private static final Map<String, String> ETH0 = Map.of("interface", "eth0");

    private final ManualClock clock = new ManualClock();
    private final InternetProtocolStats ipStats = mock(InternetProtocolStats.class);
    private NetworkIF current;
    private final NetworkCollector collector = new NetworkCollector(() -> List.of(current), TcpStates.of(ipStats), clock);

    private static IPConnection connection(String type, TcpState state) {
        return new IPConnection(type, new byte[4], 1, new byte[4], 2, state, 0, 0, 1);
    }

    @BeforeEach
    void noConnections() {
        when(ipStats.getConnections()).thenReturn(List.of());
    }

    private RecordingSink collect(long base) {
        current = mock(NetworkIF.class);
        when(current.getName()).thenReturn("eth0");
        when(current.getBytesRecv()).thenReturn(base * 1000);
        when(current.getBytesSent()).thenReturn(base * 500);
        when(current.getPacketsRecv()).thenReturn(base * 10);
        when(current.getPacketsSent()).thenReturn(base * 5);
        when(current.getInErrors()).thenReturn(base * 2);
        when(current.getOutErrors()).thenReturn(base);
        when(current.getInDrops()).thenReturn(base * 3);
        RecordingSink sink = new RecordingSink();
        collector.collect(sink);
        return sink;
    }

    @Test
    void collect_firstRoundEmitsNoInterfaceRates() {
        assertThat(collect(1).names()).noneMatch(n -> n.endsWith("_per_second"));
    }

    @Test
    void collect_reportsPerSecondRatesPerInterface() {
        collect(0);
        clock.advance(Duration.ofSeconds(2));
        RecordingSink sink = collect(4); // +4 units over 2 s

        assertThat(sink.value("net.received_bytes_per_second", ETH0)).contains(2_000.0);
        assertThat(sink.value("net.sent_bytes_per_second", ETH0)).contains(1_000.0);
        assertThat(sink.value("net.received_packets_per_second", ETH0)).contains(20.0);
        assertThat(sink.value("net.sent_packets_per_second", ETH0)).contains(10.0);
        assertThat(sink.value("net.receive_errors_per_second", ETH0)).contains(4.0);
        assertThat(sink.value("net.send_errors_per_second", ETH0)).contains(2.0);
        assertThat(sink.value("net.receive_drops_per_second", ETH0)).contains(6.0);
    }

    @Test
    void collect_interfaceCounterResetEmitsNoRateThenResumes() {
        collect(100);
        clock.advance(Duration.ofSeconds(1));
        RecordingSink afterReset = collect(1);
        clock.advance(Duration.ofSeconds(1));
        RecordingSink next = collect(2);

        assertThat(afterReset.names()).noneMatch(n -> n.endsWith("_per_second"));
        assertThat(next.value("net.received_bytes_per_second", ETH0)).contains(1_000.0);
    }

    @Test
    void collect_countsTcpConnectionsByStateIncludingZerosAndIgnoringUdp() {
        when(ipStats.getConnections()).thenReturn(List.of(
                connection("tcp4", TcpState.ESTABLISHED), connection("tcp6", TcpState.ESTABLISHED),
                connection("tcp4", TcpState.LISTEN), connection("udp4", TcpState.NONE)));
        RecordingSink sink = collect(1);

        assertThat(sink.value("net.tcp_connections", Map.of("state", "established"))).contains(2.0);
        assertThat(sink.value("net.tcp_connections", Map.of("state", "listen"))).contains(1.0);
        assertThat(sink.value("net.tcp_connections", Map.of("state", "time_wait"))).contains(0.0);
        assertThat(sink.value("net.tcp_connections", Map.of("state", "none"))).isEmpty();
    }
}
