package io.secumon.agent.collect;

import oshi.spi.SystemInfoProvider;

/**
 * The host the collectors read: OSHI's native-free Linux implementation, which reads
 * {@code /proc} and {@code /sys} directly.
 *
 * <p>Why not OSHI's default ({@code oshi.SystemInfo} from oshi-core): that one reaches the
 * same figures through JNA (libc, libudev), which costs the agent a native library, some
 * hundreds of classes and native allocations every round — a third of the agent's memory
 * budget (README "Footprint") — and buys nothing on Linux, the only platform the agent is
 * packaged for (systemd unit).
 */
public final class LinuxHost {

    private LinuxHost() {
    }

    /** This host; fails, naming the platform, where it is not Linux. */
    public static SystemInfoProvider open() {
        SystemInfoProvider host = new oshi.nativefree.SystemInfo();
        if (!host.isAvailable()) {
            throw new IllegalStateException("the SecuMon agent runs on Linux (it reads /proc and /sys); this is "
                    + System.getProperty("os.name"));
        }
        return host;
    }
}
