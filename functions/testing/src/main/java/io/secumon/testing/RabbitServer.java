package io.secumon.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** A RabbitMQ server tests can reach. */
public record RabbitServer(String host, int port, String username, String password, String virtualHost) {

    static RabbitServer fromUri(URI uri) {
        String user = "guest";
        String pass = "guest";
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            pass = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        String path = uri.getPath();
        String vhost = path == null || path.isEmpty() || path.equals("/") ? "/"
                : URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8);
        return new RabbitServer(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5672, user, pass, vhost);
    }

    /**
     * The AMQP URI, credentials included, as SecuMon processes take it. The default vhost
     * is left out of the path: Spring Boot's address parser does not decode {@code %2F}.
     */
    public String uri() {
        String base = "amqp://" + username + ":" + password + "@" + host + ":" + port;
        return virtualHost.equals("/") ? base : base + "/" + virtualHost;
    }

    String describe() {
        return host + ":" + port + " vhost " + virtualHost;
    }

    /** A new connection; the caller closes it. */
    public Connection connect() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost);
        try {
            return factory.newConnection("secumon-test");
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to RabbitMQ at " + describe(), e);
        }
    }

    /**
     * Deletes the exchanges and queues a test created under {@code prefix}: each
     * destination's topic exchange and each {@code <destination>.<group>} queue with its
     * {@code .dlq}, plus the prefixed dead-letter exchange the binder declares.
     */
    public void deleteTopology(String prefix, java.util.Map<String, java.util.List<String>> groupsByDestination) {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            for (var entry : groupsByDestination.entrySet()) {
                for (String group : entry.getValue()) {
                    String queue = prefix + entry.getKey() + "." + group;
                    channel.queueDelete(queue);
                    channel.queueDelete(queue + ".dlq");
                }
                channel.exchangeDelete(prefix + entry.getKey());
            }
            channel.exchangeDelete(prefix + "DLX");
        } catch (Exception e) {
            throw new IllegalStateException("cannot clean up RabbitMQ objects under prefix " + prefix, e);
        }
    }
}
