package io.secumon.launcher.bench.api;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One client's keep-alive HTTP/1.1 connection for GET requests, blocking (each benchmark client
 * is a virtual thread). The load generator shares the api's two cores, so it should take as
 * little of them as it can: Java's {@code HttpClient} took 0.42 cores at 1,600 requests/s of
 * 30 KB average, a fifth of the machine the api is measured on; this reads a response into
 * one array and nothing else.
 *
 * <p>Supports what the api sends: {@code Content-Length} or chunked bodies, and
 * {@code Connection: close}. A failed or closed connection is opened again on the next request.
 * The timeout applies to connecting and to each read.
 */
final class KeepAliveConnection implements AutoCloseable {

    /** A response: status and whole body. */
    record Response(int status, byte[] body) {
    }

    private static final int BUFFER = 64 * 1024;

    private final String host;
    private final int port;
    private final int timeoutMs;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveConnection(URI base, Duration timeout) {
        this.host = base.getHost();
        this.port = base.getPort();
        this.timeoutMs = Math.toIntExact(timeout.toMillis());
    }

    /** {@code GET pathAndQuery} with the given {@code Authorization} header value. */
    Response get(String pathAndQuery, String authorization) throws IOException {
        try {
            if (socket == null) {
                open();
            }
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nAuthorization: " + authorization + "\r\nAccept: application/json\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read();
        } catch (IOException | RuntimeException e) {
            close(); // the connection's state is unknown: start afresh next time
            throw e;
        }
    }

    private void open() throws IOException {
        Socket opened = new Socket();
        opened.setTcpNoDelay(true);
        opened.connect(new InetSocketAddress(host, port), timeoutMs);
        opened.setSoTimeout(timeoutMs);
        socket = opened;
        in = new BufferedInputStream(opened.getInputStream(), BUFFER);
        out = new BufferedOutputStream(opened.getOutputStream(), 1024);
    }

    private Response read() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: '" + statusLine + "'");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closing = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                throw new IOException("malformed header '" + header + "'");
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> closing = value.contains("close");
                default -> {
                }
            }
        }
        byte[] body;
        if (chunked) {
            body = chunkedBody();
        } else if (length >= 0) {
            body = exactly(Math.toIntExact(length));
        } else {
            body = in.readAllBytes(); // delimited by the close
            closing = true;
        }
        if (closing) {
            close();
        }
        return new Response(status, body);
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';'); // chunk extensions
            int bytes = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (bytes == 0) {
                while (!line().isEmpty()) {
                    // trailers: none expected, skipped
                }
                return body.toByteArray();
            }
            body.write(exactly(bytes));
            if (!line().isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private byte[] exactly(int bytes) throws IOException {
        byte[] body = in.readNBytes(bytes);
        if (body.length < bytes) {
            throw new IOException("connection closed after " + body.length + " of " + bytes + " body bytes");
        }
        return body;
    }

    /** A header line without its CRLF; ISO-8859-1, as HTTP/1.1 heads are. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
            in = null;
            out = null;
        }
    }
}
