package io.secumon.agent.collect;

import io.secumon.agent.collect.cpu.CpuCollector;
import io.secumon.agent.collect.disk.DiskCollector;
import io.secumon.agent.collect.filesystem.FilesystemCollector;
import io.secumon.agent.collect.host.HostCollector;
import io.secumon.agent.collect.memory.MemoryCollector;
import io.secumon.agent.collect.memory.PageCache;
import io.secumon.agent.collect.memory.ProcMeminfo;
import io.secumon.agent.collect.network.NetworkCollector;
import io.secumon.agent.collect.network.ProcNetTcp;
import io.secumon.agent.collect.network.TcpStates;
import io.secumon.agent.collect.process.ProcPidStat;
import io.secumon.agent.collect.process.ProcessCollector;
import io.secumon.agent.collect.process.ProcessTable;
import io.secumon.agent.collect.process.UserNames;
import io.secumon.agent.collect.docker.DockerCollector;
import io.secumon.agent.collect.systemd.ProcessCommandRunner;
import io.secumon.agent.collect.systemd.SystemdCollector;
import io.secumon.agent.collect.docker.UnixSocketHttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.spi.SystemInfoProvider;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;

/**
 * The one place that lists the agent's collectors and wires them to OSHI.
 *
 * <p>{@link #collect} runs every collector in order; one that throws is logged and skipped
 * so a broken subsystem (an unreadable /proc file, a vanished device) never costs the
 * samples of the others.
 */
public final class Collectors {

    private static final Logger log = LoggerFactory.getLogger(Collectors.class);

    /** The names of the collectors {@link #of} builds, in collection order. */
    public static final List<String> NAMES =
            List.of("cpu", "memory", "filesystem", "disk", "network", "process", "host", "systemd", "docker");

    private static final Path PROC = Path.of("/proc");
    private static final Path PROC_NET = PROC.resolve("net");
    private static final Path MEMINFO = PROC.resolve("meminfo");
    private static final Path PASSWD = Path.of("/etc/passwd");
    private static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");
    private static final Duration SOURCE_TIMEOUT = Duration.ofSeconds(3);

    private final List<Collector> collectors;

    public Collectors(List<Collector> collectors) {
        this.collectors = List.copyOf(collectors);
    }

    /** Every collector, reading the host through {@code system}; rates are timed by {@code clock}. */
    public static Collectors of(SystemInfoProvider system, Clock clock) {
        HardwareAbstractionLayer hardware = system.getHardware();
        OperatingSystem os = system.getOperatingSystem();
        return new Collectors(List.of(
                new CpuCollector(hardware.getProcessor(), clock),
                new MemoryCollector(hardware.getMemory(),
                        ProcMeminfo.availableAt(MEMINFO) ? new ProcMeminfo(MEMINFO) : PageCache.NONE),
                new FilesystemCollector(os.getFileSystem()),
                new DiskCollector(hardware::getDiskStores, clock),
                new NetworkCollector(hardware::getNetworkIFs, ProcNetTcp.availableAt(PROC_NET)
                        ? new ProcNetTcp(PROC_NET) : TcpStates.of(os.getInternetProtocolStats()), clock),
                new ProcessCollector(ProcPidStat.availableAt(PROC)
                        ? new ProcPidStat(PROC, new UserNames(PASSWD), hardware.getMemory().getPageSize())
                        : ProcessTable.of(os), clock),
                new HostCollector(os),
                // both cost nothing where their source is absent: they skip, having logged it once
                new SystemdCollector(new ProcessCommandRunner(SOURCE_TIMEOUT)),
                new DockerCollector(DOCKER_SOCKET, new UnixSocketHttpClient(DOCKER_SOCKET, SOURCE_TIMEOUT))));
    }

    /** Only the collectors named in {@code names} (see {@link #NAMES}), order kept. */
    public Collectors only(Collection<String> names) {
        return new Collectors(collectors.stream().filter(c -> names.contains(c.name())).toList());
    }

    /** The collectors, in collection order. */
    public List<Collector> list() {
        return collectors;
    }

    /** Runs one collection round into {@code sink}; a failing collector is logged and skipped. */
    public void collect(SampleSink sink) {
        for (Collector collector : collectors) {
            try {
                collector.collect(sink);
            } catch (RuntimeException e) {
                log.warn("collector {} failed, its samples are missing this round", collector.name(), e);
            }
        }
    }
}
