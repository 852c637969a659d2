package io.secumon.launcher.local;

import io.secumon.agent.AgentService;
import io.secumon.agent.IdentityReader;
import io.secumon.agent.collect.LinuxHost;
import io.secumon.agent.config.AgentConfig;
import io.secumon.agent.config.AgentConfigReader;
import io.secumon.edge.auth.EnrolledAgent;
import io.secumon.edge.auth.Enrollment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import oshi.spi.SystemInfoProvider;

/**
 * The real agent watching this machine, run in this JVM: enrolled as agent {@code <host
 * name>} of the local tenant (the same agent id on every run; each run adds a token),
 * shipping to the local edge every 10 s with every default collector, its spool on disk.
 * Configured the way an installed agent is ({@link AgentConfigReader}), so
 * {@code SECUMON_AGENT_INTERVAL} still changes the interval.
 *
 * <p>Only touched when the agent module is on the class path ({@link #AVAILABLE}).
 */
final class LocalAgent implements AutoCloseable {

    /** The class whose presence means the agent module is there. */
    static final String AVAILABLE = "io.secumon.agent.AgentService";

    private final AgentService service;
    private final UUID id;
    private final String hostname;
    private final AgentConfig config;

    private LocalAgent(AgentService service, UUID id, String hostname, AgentConfig config) {
        this.service = service;
        this.id = id;
        this.hostname = hostname;
        this.config = config;
    }

    /** Enrolls this host in {@code tenant} and starts shipping to the edge at {@code localhost:edgePort}. */
    static LocalAgent start(DataSource database, String tenant, int edgePort, Path spool, Map<String, String> env)
            throws IOException {
        SystemInfoProvider host = LinuxHost.open();
        String hostname = new IdentityReader(host.getOperatingSystem(), host.getHardware()::getNetworkIFs).hostname();
        EnrolledAgent enrolled = Enrollment.enroll(database, tenant, hostname);
        Map<String, String> agentEnv = new HashMap<>(env);
        agentEnv.putIfAbsent("SECUMON_AGENT_INTERVAL", "10s");
        agentEnv.put("SECUMON_AGENT_ID", enrolled.agentId().toString());
        agentEnv.put("SECUMON_AGENT_TOKEN", enrolled.token());
        agentEnv.put("SECUMON_AGENT_ENDPOINT", "localhost:" + edgePort);
        agentEnv.put("SECUMON_AGENT_SPOOL_DIR", spool.toString());
        AgentConfig config = new AgentConfigReader(agentEnv, hostname).fromTree(Map.of());
        return new LocalAgent(AgentService.start(config, host, Clock.systemUTC()), enrolled.agentId(), hostname,
                config);
    }

    UUID id() {
        return id;
    }

    String hostname() {
        return hostname;
    }

    /** For the start-up message: {@code every 10s}. */
    String interval() {
        return config.interval().toSeconds() + "s";
    }

    /** Stops collecting and shipping; what was not acked stays in the spool for the next run. */
    @Override
    public void close() {
        service.close();
    }
}
