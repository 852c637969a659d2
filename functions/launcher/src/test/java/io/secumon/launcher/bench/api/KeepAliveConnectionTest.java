package io.secumon.launcher.bench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link KeepAliveConnection} against a real HTTP/1.1 server (the JDK's). */
class KeepAliveConnectionTest {

    private HttpServer server;
    private URI base;
    /** Remote ports the server saw: one per connection the client opened. */
    private final Set<Integer> connections = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fixed", exchange -> reply(exchange, 200, "x".repeat(50_000), false));
        server.createContext("/chunked", exchange -> reply(exchange, 200, "chunk-".repeat(10_000), true));
        server.createContext("/auth", exchange -> reply(exchange, 200,
                String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")), false));
        server.createContext("/missing", exchange -> reply(exchange, 404, "{\"status\":404}", false));
        server.createContext("/close", exchange -> {
            exchange.getResponseHeaders().add("Connection", "close");
            reply(exchange, 200, "bye", false);
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void get_readsFixedLengthAndChunkedBodies_overOneConnection() throws IOException {
        try (KeepAliveConnection connection = new KeepAliveConnection(base, Duration.ofSeconds(5))) {
            for (int i = 0; i < 3; i++) {
                KeepAliveConnection.Response fixed = connection.get("/fixed?i=" + i, "Bearer k");
                KeepAliveConnection.Response chunked = connection.get("/chunked", "Bearer k");

                assertThat(fixed.status()).isEqualTo(200);
                assertThat(fixed.body()).hasSize(50_000);
                assertThat(new String(chunked.body(), StandardCharsets.US_ASCII)).isEqualTo("chunk-".repeat(10_000));
            }
            assertThat(new String(connection.get("/auth", "Bearer smk_x").body(), StandardCharsets.US_ASCII))
                    .isEqualTo("Bearer smk_x");
            assertThat(connection.get("/missing", "Bearer k").status()).isEqualTo(404);
        }
        assertThat(connections).as("keep-alive: one connection for every request").hasSize(1);
    }

    @Test
    void get_afterTheServerClosedTheConnection_opensANewOne() throws IOException {
        try (KeepAliveConnection connection = new KeepAliveConnection(base, Duration.ofSeconds(5))) {
            assertThat(new String(connection.get("/close", "Bearer k").body(), StandardCharsets.US_ASCII))
                    .isEqualTo("bye");
            assertThat(connection.get("/fixed", "Bearer k").status()).isEqualTo(200);
        }
        assertThat(connections).hasSize(2);
    }

    @Test
    void get_whenNothingListens_failsWithAnIoError() {
        server.stop(0);
        try (KeepAliveConnection connection = new KeepAliveConnection(base, Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> connection.get("/fixed", "Bearer k")).isInstanceOf(IOException.class);
        }
    }

    private void reply(HttpExchange exchange, int status, String body, boolean chunked) throws IOException {
        connections.add(exchange.getRemoteAddress().getPort());
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(status, chunked ? 0 : bytes.length); // 0: chunked
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
