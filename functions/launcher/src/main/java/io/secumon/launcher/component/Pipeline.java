package io.secumon.launcher.component;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.secumon.pipeline.topology.Destinations;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The ingest pipeline as separately started processes: normalize and store (which
 * declare their queues), then the edge. Configuration is what each process reads from
 * its environment; the edge's gRPC port is picked free unless given.
 */
public final class Pipeline implements AutoCloseable {

    /** Where the three executable jars are. */
    public record Jars(Path edge, Path normalize, Path store) {

        /** The jars as {@code ./mvnw package} leaves them in the checkout at {@code repo}. */
        public static Jars in(Path repo) {
            return new Jars(
                    repo.resolve("edge-ingress/target/secumon-edge-ingress-0.1.0-SNAPSHOT-exec.jar"),
                    repo.resolve("functions/normalize/target/secumon-normalize-0.1.0-SNAPSHOT-exec.jar"),
                    repo.resolve("functions/store/target/secumon-store-0.1.0-SNAPSHOT-exec.jar"));
        }
    }

    private final ComponentProcess edge;
    private final ComponentProcess normalize;
    private final ComponentProcess store;
    private final String rabbitUri;
    private final String prefix;
    private final int edgePort;

    /**
     * @param environment what every component gets: SECUMON_RABBIT_URI, SECUMON_DB_URL,
     *                    SECUMON_DB_USER, SECUMON_DB_PASSWORD, SECUMON_DESTINATION_PREFIX...
     */
    public Pipeline(Jars jars, Map<String, String> environment, Path logDirectory) {
        this.rabbitUri = environment.getOrDefault("SECUMON_RABBIT_URI", "amqp://guest:guest@localhost:5672");
        this.prefix = environment.getOrDefault("SECUMON_DESTINATION_PREFIX", "");
        this.edgePort = Integer.parseInt(environment.getOrDefault("SECUMON_EDGE_GRPC_PORT",
                String.valueOf(freePort())));
        Map<String, String> common = new HashMap<>(environment);
        common.put("SECUMON_EDGE_GRPC_PORT", String.valueOf(edgePort));
        common.putIfAbsent("SECUMON_EDGE_METRICS_PORT", "0");
        common.putIfAbsent("SECUMON_NORMALIZE_HTTP_PORT", "0");
        common.putIfAbsent("SECUMON_STORE_HTTP_PORT", "0");
        this.normalize = new ComponentProcess("normalize", jars.normalize(), common, logDirectory);
        this.store = new ComponentProcess("store", jars.store(), common, logDirectory);
        this.edge = new ComponentProcess("edge", jars.edge(), common, logDirectory);
    }

    /** Starts all three and waits until each is ready to work. */
    public Pipeline start(Duration timeout) {
        normalize.start();
        store.start();
        awaitConsumer(normalize, Destinations.INGEST, Destinations.NORMALIZE_GROUP, timeout);
        awaitConsumer(store, Destinations.SAMPLES, Destinations.STORE_GROUP, timeout);
        edge.start();
        awaitEdge(timeout);
        return this;
    }

    public ComponentProcess edge() {
        return edge;
    }

    public ComponentProcess normalize() {
        return normalize;
    }

    public ComponentProcess store() {
        return store;
    }

    public int edgePort() {
        return edgePort;
    }

    /** Waits until {@code component} consumes its queue again (after a start or restart). */
    public void awaitConsumer(ComponentProcess component, String destination, String group, Duration timeout) {
        String queue = Destinations.queue(prefix, destination, group);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            component.checkAlive();
            if (consumers(queue) > 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(component.name() + " did not consume " + queue
                        + " within " + timeout + "; see " + component.log());
            }
            sleep(200);
        }
    }

    /** Waits until the edge listens (after a start or restart). */
    public void awaitEdge(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            edge.checkAlive();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", edgePort), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("edge did not listen on " + edgePort + " within "
                            + timeout + "; see " + edge.log());
                }
                sleep(200);
            }
        }
    }

    private int consumers(String queue) {
        // Closing the connection closes its channel too.
        try (Connection connection = connect(rabbitUri)) {
            return connection.createChannel().queueDeclarePassive(queue).getConsumerCount();
        } catch (IOException notDeclaredYet) {
            return 0;
        }
    }

    /**
     * Deletes the queues and exchanges of the pipeline under the environment's
     * {@code SECUMON_DESTINATION_PREFIX}: for runs that use a throw-away prefix.
     */
    public static void deleteTopology(Map<String, String> environment) {
        String prefix = environment.getOrDefault("SECUMON_DESTINATION_PREFIX", "");
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("refusing to delete the unprefixed production topology");
        }
        try (Connection connection = connect(environment.get("SECUMON_RABBIT_URI"))) {
            Channel channel = connection.createChannel();
            for (String queue : new String[] {
                    Destinations.queue(prefix, Destinations.INGEST, Destinations.NORMALIZE_GROUP),
                    Destinations.queue(prefix, Destinations.SAMPLES, Destinations.STORE_GROUP)}) {
                channel.queueDelete(queue);
                channel.queueDelete(queue + Destinations.DLQ_SUFFIX);
            }
            channel.exchangeDelete(prefix + Destinations.INGEST);
            channel.exchangeDelete(prefix + Destinations.SAMPLES);
            channel.exchangeDelete(prefix + "DLX");
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete the topology under prefix " + prefix, e);
        }
    }

    private static Connection connect(String uri) throws IOException {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
            return factory.newConnection("secumon-launcher");
        } catch (java.net.URISyntaxException | java.security.GeneralSecurityException
                 | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot reach RabbitMQ at " + uri.replaceAll(":[^:@/]*@", ":***@"), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops the edge first (it drains), then the functions. */
    @Override
    public void close() {
        edge.stop();
        normalize.stop();
        store.stop();
    }
}
