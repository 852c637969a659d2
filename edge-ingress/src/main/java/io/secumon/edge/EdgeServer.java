package io.secumon.edge;

import com.zaxxer.hikari.HikariDataSource;
import io.grpc.Grpc;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.secumon.edge.auth.AuthInterceptor;
import io.secumon.edge.auth.CredentialPool;
import io.secumon.edge.auth.CredentialVerifier;
import io.secumon.edge.config.EdgeConfig;
import io.secumon.edge.ingest.IngestService;
import io.secumon.edge.metrics.EdgeMetrics;
import io.secumon.edge.metrics.MetricsEndpoint;
import io.secumon.edge.publish.BatchPublisher;
import io.secumon.edge.publish.RabbitBatchPublisher;
import io.secumon.edge.validate.BatchValidator;
import io.secumon.proto.v1.IngestGrpc;
import io.secumon.schema.SchemaMigrations;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge ingress process: a gRPC server (the Ingest service behind bearer-token auth, the
 * standard health service, reflection) publishing to RabbitMQ, plus a Prometheus endpoint.
 * {@link #start} and {@link #stop} serve in-process use (end-to-end tests, the all-in-one
 * local run, which may hand in its own {@link BatchPublisher}); {@link #main} runs it as a
 * process, or the {@code enroll} subcommand.
 */
public final class EdgeServer implements AutoCloseable {

    private final EdgeConfig config;
    private final List<AutoCloseable> resources; // closed in reverse order
    private final Server grpc;
    private final HealthStatusManager health;
    private final IngestService ingest;
    private final MeterRegistry meters;
    private final MetricsEndpoint metricsEndpoint;
    private boolean stopped; // guarded by this

    private EdgeServer(EdgeConfig config, List<AutoCloseable> resources, Server grpc, HealthStatusManager health,
                       IngestService ingest, MeterRegistry meters, MetricsEndpoint metricsEndpoint) {
        this.config = config;
        this.resources = resources;
        this.grpc = grpc;
        this.health = health;
        this.ingest = ingest;
        this.meters = meters;
        this.metricsEndpoint = metricsEndpoint;
    }

    /** Starts with the system clock; see {@link #start(EdgeConfig, Clock)}. */
    public static EdgeServer start(EdgeConfig config) throws IOException {
        return start(config, Clock.systemUTC());
    }

    /**
     * Migrates the schema, connects to PostgreSQL and RabbitMQ (an unreachable broker is only
     * logged: publishes reconnect) and starts serving; health reports SERVING once started.
     *
     * @throws IOException when a port cannot be bound
     * @throws RuntimeException when the database is unreachable (nothing is left running)
     */
    public static EdgeServer start(EdgeConfig config, Clock clock) throws IOException {
        log().info("edge ingress starting: {}", config);
        return open(config, clock, resources -> {
            RabbitBatchPublisher publisher = new RabbitBatchPublisher(
                    config.rabbitUri(), config.ingestExchange(), config.confirmTimeout());
            resources.add(publisher);
            publisher.connect();
            return publisher;
        });
    }

    /**
     * As {@link #start(EdgeConfig, Clock)}, but accepted batches go to {@code publisher}
     * instead of RabbitMQ: the all-in-one local run chains the functions in memory behind
     * it. The broker settings of {@code config} are unused; the caller keeps ownership of
     * {@code publisher} and closes it after {@link #stop()}.
     */
    public static EdgeServer start(EdgeConfig config, Clock clock, BatchPublisher publisher) throws IOException {
        log().info("edge ingress starting: {} (broker settings unused: publishing through {})", config, publisher);
        return open(config, clock, resources -> publisher);
    }

    /** Opens what the publisher needs after the database pool, so a dead database fails first. */
    private interface PublisherFactory {
        BatchPublisher open(List<AutoCloseable> resources);
    }

    private static EdgeServer open(EdgeConfig config, Clock clock, PublisherFactory publishers) throws IOException {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            HikariDataSource dataSource = CredentialPool.open(config);
            resources.add(dataSource);
            SchemaMigrations.migrate(dataSource);
            PrometheusMeterRegistry meters = EdgeMetrics.newRegistry();
            resources.add(meters::close);
            EdgeMetrics metrics = new EdgeMetrics(meters);
            BatchPublisher publisher = publishers.open(resources);
            IngestService ingest = new IngestService(
                    new BatchValidator(config.maxBatchSamples(), config.maxFutureSkew(), clock), publisher, metrics, clock);
            AuthInterceptor auth = new AuthInterceptor(new CredentialVerifier(dataSource, config.tokenCacheTtl()), metrics);
            HealthStatusManager health = new HealthStatusManager();
            Server grpc = Grpc.newServerBuilderForPort(config.grpcPort(), config.tls().credentials())
                    .maxInboundMessageSize(config.maxMessageBytes())
                    // Agents hold streams open for hours: find dead peers, allow their pings.
                    .keepAliveTime(1, TimeUnit.MINUTES)
                    .permitKeepAliveTime(20, TimeUnit.SECONDS)
                    .permitKeepAliveWithoutCalls(true)
                    .addService(ServerInterceptors.intercept(ingest.bindVerbatim(), auth))
                    .addService(health.getHealthService())
                    .addService(ProtoReflectionServiceV1.newInstance())
                    .build()
                    .start();
            resources.add(grpc::shutdownNow);
            MetricsEndpoint endpoint = config.metricsPort() == 0 ? null : MetricsEndpoint.start(config.metricsPort(), meters);
            if (endpoint != null) {
                resources.add(endpoint);
            }
            health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
            health.setStatus(IngestGrpc.SERVICE_NAME, ServingStatus.SERVING);
            log().info("edge ingress serving gRPC on port {}, metrics {}", grpc.getPort(),
                    endpoint == null ? "disabled" : "on port " + endpoint.port() + " at /metrics");
            return new EdgeServer(config, resources, grpc, health, ingest, meters, endpoint);
        } catch (IOException | RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /** The port the gRPC server listens on (the actual one when configured as 0). */
    public int grpcPort() {
        return grpc.getPort();
    }

    /** The port of {@code /metrics}, or -1 when disabled. */
    public int metricsPort() {
        return metricsEndpoint == null ? -1 : metricsEndpoint.port();
    }

    /** The registry behind {@code /metrics}. */
    public MeterRegistry meters() {
        return meters;
    }

    /**
     * Stops gracefully: health turns NOT_SERVING, no new calls are taken, open streams end
     * with UNAVAILABLE once their in-flight batches are acked (waiting at most the confirm
     * timeout plus a second), then the broker connection and the pool close. Idempotent.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        log().info("edge ingress stopping");
        health.enterTerminalState();
        grpc.shutdown();
        try {
            if (!ingest.drain(config.confirmTimeout().plusSeconds(1))) {
                log().warn("some streams still had unconfirmed batches at shutdown; their agents will resend");
            }
            grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeAll(resources);
        log().info("edge ingress stopped");
    }

    @Override
    public void close() {
        stop();
    }

    /** Blocks until the gRPC server has terminated. */
    public void awaitTermination() throws InterruptedException {
        grpc.awaitTermination();
    }

    /**
     * Runs the server configured from the environment until SIGTERM/SIGINT, or with
     * {@code enroll --tenant NAME --agent NAME} enrolls an agent and prints its token.
     */
    public static void main(String[] args) throws InterruptedException {
        EdgeCommandLine.main(args);
    }

    /** Looked up per use rather than in a static field, so that main can set up logging first. */
    private static Logger log() {
        return LoggerFactory.getLogger(EdgeServer.class);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log().warn("closing {} failed", resources.get(i), e);
            }
        }
    }
}
