package io.secumon.agent.collect.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketHttpClientTest {

    @TempDir
    Path dir;

    /** Serves one connection: records the request head, then writes {@code answer} and closes. */
    private Thread serveOnce(ServerSocketChannel server, String answer, AtomicReference<String> request) {
        return Thread.ofVirtual().start(() -> {
            try (SocketChannel client = server.accept()) {
                ByteBuffer in = ByteBuffer.allocate(4096);
                StringBuilder head = new StringBuilder();
                while (!head.toString().contains("\r\n\r\n") && client.read(in) > 0) {
                    in.flip();
                    head.append(StandardCharsets.US_ASCII.decode(in));
                    in.clear();
                }
                request.set(head.toString());
                client.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private ServerSocketChannel listen(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return server;
    }

    @Test
    void get_sendsAGetAndReadsAContentLengthAnswer() throws Exception {
        Path socket = dir.resolve("d.sock");
        AtomicReference<String> request = new AtomicReference<>();
        try (ServerSocketChannel server = listen(socket)) {
            Thread thread = serveOnce(server, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 16\r\n\r\n[{\"Id\":\"caf\u00e9\"}]", request);

            DockerApi.Response response = new UnixSocketHttpClient(socket, Duration.ofSeconds(5))
                    .get("/containers/json?all=1");
            thread.join();

            assertThat(response.status()).isEqualTo(200);
            assertThat(JsonReader.parse(response.body())).isEqualTo(List.of(Map.of("Id", "caf\u00e9")));
            assertThat(request.get()).startsWith("GET /containers/json?all=1 HTTP/1.1\r\n").contains("Host: ");
        }
    }

    @Test
    void get_decodesAChunkedAnswerAndPassesTheStatusOn() throws Exception {
        Path socket = dir.resolve("d.sock");
        try (ServerSocketChannel server = listen(socket)) {
            Thread thread = serveOnce(server, "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\n{\"mes\r\na;ext=1\r\nsage\":\"x\"}\r\n0\r\n\r\n", new AtomicReference<>());

            DockerApi.Response response = new UnixSocketHttpClient(socket, Duration.ofSeconds(5)).get("/x");
            thread.join();

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"message\":\"x\"}");
        }
    }

    @Test
    void get_timesOutOnADaemonThatNeverAnswers() throws Exception {
        Path socket = dir.resolve("d.sock");
        try (ServerSocketChannel server = listen(socket)) {
            assertThatThrownBy(() -> new UnixSocketHttpClient(socket, Duration.ofMillis(300)).get("/x"))
                    .isInstanceOf(IOException.class).hasMessageContaining("within");
        }
    }

    @Test
    void get_withoutAListenerIsAnIoException() {
        assertThatThrownBy(() -> new UnixSocketHttpClient(dir.resolve("none.sock"), Duration.ofSeconds(1)).get("/x"))
                .isInstanceOf(IOException.class);
    }
}
