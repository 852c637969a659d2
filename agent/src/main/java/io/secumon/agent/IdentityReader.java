package io.secumon.agent;

import io.secumon.agent.config.AgentConfig;
import io.secumon.proto.v1.AgentIdentity;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import oshi.hardware.NetworkIF;
import oshi.software.os.NetworkParams;
import oshi.software.os.OperatingSystem;

/** Describes this machine as an {@link AgentIdentity}: the configured id and labels plus what OSHI reports. */
public final class IdentityReader {

    /** The agent's own version, shipped with every batch. */
    public static final String AGENT_VERSION = "0.1.0";

    private final OperatingSystem os;
    private final Supplier<List<NetworkIF>> interfaces;

    public IdentityReader(OperatingSystem os, Supplier<List<NetworkIF>> interfaces) {
        this.os = os;
        this.interfaces = interfaces;
    }

    /** The host name as the OS reports it. */
    public String hostname() {
        NetworkParams params = os.getNetworkParams();
        String name = params == null ? null : params.getHostName();
        return name == null || name.isBlank() ? "localhost" : name;
    }

    /** The identity for {@code config}; agent_id is empty when the agent is not enrolled yet. */
    public AgentIdentity read(AgentConfig config) {
        AgentIdentity.Builder identity = AgentIdentity.newBuilder()
                .setAgentId(config.id().map(UUID::toString).orElse(""))
                .setHostname(hostname())
                .setOs(os.getFamily() == null ? "" : os.getFamily())
                .setOsVersion(os.getVersionInfo() == null || os.getVersionInfo().getVersion() == null
                        ? "" : os.getVersionInfo().getVersion())
                .setArch(System.getProperty("os.arch", "").toLowerCase(Locale.ROOT))
                .setAgentVersion(AGENT_VERSION)
                .putAllLabels(config.labels());
        identity.addAllIpAddresses(addresses());
        return identity.build();
    }

    // Addresses of the non-loopback interfaces, sorted for a stable identity; best effort.
    private TreeSet<String> addresses() {
        TreeSet<String> addresses = new TreeSet<>();
        try {
            for (NetworkIF nif : interfaces.get()) {
                if (!nif.getName().equals("lo")) {
                    addresses.addAll(Arrays.asList(nif.getIPv4addr()));
                    Arrays.stream(nif.getIPv6addr()).filter(a -> !a.startsWith("fe80")).forEach(addresses::add);
                }
            }
        } catch (RuntimeException e) {
            // Addresses are optional in the contract; a host whose interfaces cannot be read still ships.
        }
        addresses.removeIf(a -> a.isBlank() || a.startsWith("127.") || a.equals("::1"));
        return addresses;
    }
}
