package io.secumon.agent.collect.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP/1.1 GET over a Unix domain socket (the Docker daemon's), with the JDK only.
 *
 * <p>One connection per request ({@code Connection: close}), so the body ends at end of
 * stream unless it is chunked; the whole exchange is bounded by a timeout so a hung daemon
 * cannot stall the collection round.
 */
public final class UnixSocketHttpClient implements DockerApi {

    private final Path socket;
    private final Duration timeout;

    public UnixSocketHttpClient(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    @Override
    public Response get(String path) throws IOException {
        byte[] raw;
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            String request = "GET " + path + " HTTP/1.1\r\nHost: docker\r\nAccept: application/json\r\n"
                    + "Connection: close\r\n\r\n";
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            raw = readAll(channel);
        }
        return parse(raw);
    }

    private byte[] readAll(SocketChannel channel) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        channel.configureBlocking(false);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new SocketTimeoutException("no complete answer from " + socket + " within " + timeout);
                }
                selector.select(left);
                selector.selectedKeys().clear();
                int n;
                while ((n = channel.read(buffer)) > 0) {
                    all.write(buffer.array(), 0, n);
                    buffer.clear();
                }
                if (n < 0) {
                    return all.toByteArray();
                }
            }
        }
    }

    static Response parse(byte[] raw) throws IOException {
        int headerEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (headerEnd < 0) {
            throw new IOException("malformed HTTP answer: no header end");
        }
        String[] head = new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = head[0].split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (RuntimeException e) {
            throw new IOException("malformed HTTP status line: " + head[0]);
        }
        boolean chunked = false;
        for (int i = 1; i < head.length; i++) {
            String header = head[i].toLowerCase(Locale.ROOT);
            chunked |= header.startsWith("transfer-encoding:") && header.contains("chunked");
        }
        int start = headerEnd + 4;
        byte[] body = chunked ? dechunk(raw, start) : java.util.Arrays.copyOfRange(raw, start, raw.length);
        return new Response(status, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] raw, int pos) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] crlf = {'\r', '\n'};
        while (true) {
            int lineEnd = indexOf(raw, crlf, pos);
            if (lineEnd < 0) {
                throw new IOException("malformed chunked body");
            }
            String sizeLine = new String(raw, pos, lineEnd - pos, StandardCharsets.US_ASCII);
            int size;
            try {
                size = Integer.parseInt(sizeLine.split(";", 2)[0].strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + sizeLine);
            }
            if (size == 0) {
                return body.toByteArray();
            }
            int dataStart = lineEnd + 2;
            if (dataStart + size > raw.length) {
                throw new IOException("truncated chunked body");
            }
            body.write(raw, dataStart, size);
            pos = dataStart + size + 2;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
