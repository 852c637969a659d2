package io.secumon.agent;

import io.secumon.agent.collect.Collectors;
import io.secumon.agent.config.AgentConfig;
import io.secumon.agent.ship.IngestClient;
import io.secumon.agent.ship.TlsFiles;
import io.secumon.agent.spool.BatchSequence;
import io.secumon.agent.spool.SessionFactory;
import io.secumon.agent.spool.Shipper;
import io.secumon.agent.spool.Spool;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.spi.SystemInfoProvider;

/**
 * The running agent service: collection loop → spool → shipper → edge. Built from a config
 * that {@link AgentConfig#requireShipping() can ship}; {@link #close()} stops it in reverse
 * order of start, leaving unshipped batches in the spool for the next start.
 */
public final class AgentService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentService.class);

    private final IngestClient client;
    private final Shipper shipper;
    private final Agent agent;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private AgentService(IngestClient client, Shipper shipper, Agent agent) {
        this.client = client;
        this.shipper = shipper;
        this.agent = agent;
    }

    /** Opens the spool, connects (lazily; gRPC dials on first use) and starts collecting and shipping. */
    public static AgentService start(AgentConfig config, SystemInfoProvider system, Clock clock) throws IOException {
        config.requireShipping();
        log.info("starting SecuMon agent {} with {}", IdentityReader.AGENT_VERSION, config);
        IdentityReader identities = new IdentityReader(system.getOperatingSystem(),
                system.getHardware()::getNetworkIFs);
        Spool spool = Spool.open(config.spoolDir(),
                new Spool.Limits(config.spoolMaxBytes(), Spool.Limits.defaults().maxFiles()));
        IngestClient client = connect(config);
        Shipper shipper = new Shipper(spool, SessionFactory.of(client));
        Agent agent = new Agent(Collectors.of(system, clock).only(config.enabled()), identities.read(config),
                spool, BatchSequence.open(config.spoolDir()), clock);
        shipper.start();
        agent.start(config.interval());
        return new AgentService(client, shipper, agent);
    }

    private static IngestClient connect(AgentConfig config) {
        String host = config.endpoint().host();
        int port = config.endpoint().port();
        String token = config.token().orElseThrow();
        if (!config.tls().enabled()) {
            return IngestClient.connect(host, port, token, true);
        }
        return IngestClient.connect(host, port, token,
                new TlsFiles(config.tls().cert(), config.tls().key(), config.tls().ca()));
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        try {
            agent.close();
            shipper.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.close();
            log.info("SecuMon agent stopped");
            stopped.countDown();
        }
    }
}
