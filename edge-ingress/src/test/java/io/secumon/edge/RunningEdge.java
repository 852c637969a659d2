package io.secumon.edge;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.secumon.edge.auth.EnrolledAgent;
import io.secumon.edge.auth.Enrollment;
import io.secumon.edge.config.EdgeConfig;
import io.secumon.pipeline.topology.Destinations;
import io.secumon.schema.SchemaMigrations;
import io.secumon.testing.RabbitServer;
import io.secumon.testing.TestDatabase;
import io.secumon.testing.TestServices;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * A real edge for one test: its own database (migrated, one agent enrolled), its own
 * destination prefix with a queue bound to {@code <prefix>ingest} (unless told not to), the
 * server on an ephemeral port and a plaintext gRPC channel to it. Closing removes it all.
 */
public final class RunningEdge implements AutoCloseable {

    public static final String GROUP = "test";

    public final RabbitServer rabbit = TestServices.rabbit();
    public final String prefix = TestServices.uniquePrefix();
    public final String queue = Destinations.queue(prefix, Destinations.INGEST, GROUP);
    public final TestDatabase database;
    public final DataSource dataSource;
    public final EnrolledAgent agent;
    public final EdgeServer server;
    public final ManagedChannel channel;
    private final Connection connection;
    private final Channel amqp;

    private RunningEdge(Function<TestDatabase, Map<String, String>> overrides, boolean bindQueue) throws Exception {
        database = TestServices.postgres().createDatabase();
        try {
            dataSource = database.dataSource();
            SchemaMigrations.migrate(dataSource);
            agent = Enrollment.enroll(dataSource, "tenant-" + prefix, "agent-1");
            connection = rabbit.connect();
            amqp = connection.createChannel();
            if (bindQueue) {
                // Declared as the binder declares it, so either side may come first.
                amqp.exchangeDeclare(prefix + Destinations.INGEST, "topic", true);
                amqp.queueDeclare(queue, true, false, false, null);
                amqp.queueBind(queue, prefix + Destinations.INGEST, "#");
            }
            Map<String, String> env = new HashMap<>(Map.of(
                    EdgeConfig.GRPC_PORT, "0",
                    EdgeConfig.METRICS_PORT, "0",
                    EdgeConfig.RABBIT_URI, rabbit.uri(),
                    EdgeConfig.DB_URL, database.jdbcUrl(),
                    EdgeConfig.DB_USER, database.username(),
                    EdgeConfig.DB_PASSWORD, database.password(),
                    EdgeConfig.DESTINATION_PREFIX, prefix));
            env.putAll(overrides.apply(database));
            server = EdgeServer.start(EdgeConfig.fromEnvironment(env));
            channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.grpcPort(),
                    InsecureChannelCredentials.create()).build();
        } catch (Exception | Error e) {
            cleanUp();
            throw e;
        }
    }

    /** An edge with its queue bound, configured as by default apart from {@code overrides}. */
    public static RunningEdge start(Map<String, String> overrides) throws Exception {
        return new RunningEdge(database -> overrides, true);
    }

    /** As {@link #start(Map)}, with overrides that depend on the test's database. */
    public static RunningEdge start(Function<TestDatabase, Map<String, String>> overrides) throws Exception {
        return new RunningEdge(overrides, true);
    }

    public static RunningEdge start() throws Exception {
        return start(Map.of());
    }

    /** An edge with no queue bound to the exchange (normalize never deployed). */
    public static RunningEdge startWithoutQueue() throws Exception {
        return new RunningEdge(database -> Map.of(), false);
    }

    /** The broker's URI rewritten to reach it through {@code port} on 127.0.0.1 (a proxy). */
    public static String rabbitUriVia(int port) {
        RabbitServer rabbit = TestServices.rabbit();
        String vhost = rabbit.virtualHost().equals("/") ? "%2F" : rabbit.virtualHost();
        return "amqp://" + rabbit.username() + ":" + rabbit.password() + "@127.0.0.1:" + port + "/" + vhost;
    }

    /** A stream authenticated with the enrolled agent's token. */
    public PushStream push() {
        return push("Bearer " + agent.token());
    }

    /** A stream sending {@code authorization} as is (null: none). */
    public PushStream push(String authorization) {
        return new PushStream(channel, authorization);
    }

    /** Takes every message now on the test queue. */
    public List<GetResponse> published() throws Exception {
        List<GetResponse> messages = new ArrayList<>();
        for (GetResponse m; (m = amqp.basicGet(queue, true)) != null; ) {
            messages.add(m);
        }
        return messages;
    }

    @Override
    public void close() throws Exception {
        cleanUp();
    }

    private void cleanUp() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.stop();
        }
        if (connection != null) {
            connection.close();
        }
        rabbit.deleteTopology(prefix, Map.of(Destinations.INGEST, List.of(GROUP)));
        database.close();
    }
}
