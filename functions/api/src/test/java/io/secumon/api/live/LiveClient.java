package io.secumon.api.live;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/**
 * A WebSocket client for tests: Reactor Netty's, with ping frames handed to the test (not
 * answered automatically) so that server pings can be observed, and every received message
 * queued for assertions.
 */
final class LiveClient implements AutoCloseable {

    /** A received message: its type and payload as text. */
    record Received(WebSocketMessage.Type type, String text) {
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Sinks.Many<Function<WebSocketSession, WebSocketMessage>> outgoing =
            Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.One<Void> opened = Sinks.one();
    private final Disposable connection;

    private LiveClient(URI uri, HttpHeaders headers) {
        ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient(HttpClient.create(),
                () -> WebsocketClientSpec.builder().handlePing(true));
        connection = client.execute(uri, headers, session -> {
            opened.tryEmitEmpty();
            Mono<Void> in = session.receive()
                    .doOnNext(m -> received.add(new Received(m.getType(), m.getPayloadAsText())))
                    .then();
            Mono<Void> out = session.send(outgoing.asFlux().map(message -> message.apply(session)));
            return Mono.zip(in, out).then();
        }).subscribe(null, opened::tryEmitError);
    }

    /** Connects and waits for the upgrade; fails with the handshake's error (e.g. a 404). */
    static LiveClient connect(URI uri, HttpHeaders headers) {
        LiveClient client = new LiveClient(uri, headers);
        try {
            client.opened.asMono().block(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    void sendText(String text) {
        outgoing.tryEmitNext(session -> session.textMessage(text));
    }

    void sendPing() {
        outgoing.tryEmitNext(session -> session.pingMessage(buffers -> buffers.wrap(new byte[] {1, 2, 3})));
    }

    /** The next message {@code wanted} accepts, skipping others; null when none comes within {@code timeout}. */
    Received next(Duration timeout, Predicate<Received> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Received message = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message == null || wanted.test(message)) {
                return message;
            }
        }
    }

    /** The next text message, skipping pings and pongs. */
    Received nextText(Duration timeout) throws InterruptedException {
        return next(timeout, m -> m.type() == WebSocketMessage.Type.TEXT);
    }

    @Override
    public void close() {
        outgoing.tryEmitComplete();
        connection.dispose();
    }
}
