package io.secumon.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Keep-alive connections keep being served when a request arrives while the previous one is
 * still in flight and is then answered at once (the api answers cached values and probes
 * without waiting for anything). Reactor Netty 1.3.6 stopped reading such a connection
 * (reactor-netty #4361): the next request was never read, and dashboards and load balancers
 * reuse connections. Raw sockets, because an HTTP client would hide the pipelining.
 */
class KeepAliveTest extends ApiIntegrationTest {

    @LocalServerPort
    int port;

    @RepeatedTest(3)
    void aPipelinedRequestAnsweredAtOnce_doesNotStallTheConnection() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // /health asks the database; /health/live answers without waiting for anything.
            out.write((request("/health") + request("/health/live")).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200");
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200");

            out.write(request("/health/live").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).as("the connection still answers").startsWith("HTTP/1.1 200");
        }
    }

    private static String request(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    /** One response: its head, then its body consumed by Content-Length or chunks. */
    private static String readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        String lower = head.toLowerCase(Locale.ROOT);
        int length = lower.indexOf("content-length:");
        if (length >= 0) {
            int end = lower.indexOf("\r\n", length);
            in.readNBytes(Integer.parseInt(head.substring(length + 15, end).trim()));
        } else if (lower.contains("transfer-encoding: chunked")) {
            for (int size; (size = Integer.parseInt(readLine(in).trim(), 16)) > 0; ) {
                in.readNBytes(size + 2);
            }
            readLine(in);
        }
        return head;
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (String line; !(line = readLine(in)).isEmpty(); ) {
            head.append(line).append("\r\n");
        }
        return head.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
