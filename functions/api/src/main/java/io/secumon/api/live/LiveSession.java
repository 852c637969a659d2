package io.secumon.api.live;

import io.secumon.api.changes.AgentKey;
import io.secumon.api.metrics.LatestValue;
import io.secumon.api.metrics.LatestValues;
import io.secumon.api.metrics.MetricFilter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One client watching one agent over WebSocket (messages: {@link LiveMessages}). Sends the
 * agent's latest values on connect, then what is new each time a batch of the agent is
 * stored; pings the client every {@link LiveSettings#pingInterval()} (WebSocket ping frames
 * from the client are answered by the server itself); answers application-level pings.
 * Gives its feed back when the connection ends, however it ends; closes with "going away"
 * when the process stops.
 */
final class LiveSession {

    private static final byte[] NO_BYTES = new byte[0];

    private final LiveFeeds feeds;
    private final LatestValues latest;
    private final Duration pingInterval;

    LiveSession(LiveFeeds feeds, LatestValues latest, LiveSettings settings) {
        this.feeds = Objects.requireNonNull(feeds, "feeds");
        this.latest = Objects.requireNonNull(latest, "latest");
        this.pingInterval = settings.pingInterval();
    }

    Mono<Void> run(WebSocketSession session, AgentKey key) {
        AgentFeed feed = feeds.acquire(key);
        NewerValues newer = new NewerValues();
        // The feed is subscribed before the snapshot is read, so no update falls between the two.
        Flux<List<LatestValue>> updates = Flux.merge(
                feed.values().onBackpressureLatest(), // each emission supersedes the previous one
                latest.of(key.tenant(), key.agent(), MetricFilter.all()).collectList());
        Flux<WebSocketMessage> metrics = updates
                .map(newer::retain)
                .filter(values -> !values.isEmpty())
                .map(values -> session.textMessage(LiveMessages.metrics(key.agent(), values)));
        Flux<WebSocketMessage> pongs = session.receive()
                .filter(message -> message.getType() == WebSocketMessage.Type.TEXT
                        && LiveMessages.isPing(message.getPayloadAsText()))
                .map(ping -> session.textMessage(LiveMessages.PONG));
        Flux<WebSocketMessage> pings = Flux.interval(pingInterval, pingInterval)
                .map(tick -> session.pingMessage(buffers -> buffers.wrap(NO_BYTES)));
        Mono<Void> sending = session.send(Flux.merge(metrics, pongs, pings).takeUntilOther(session.closeStatus()));
        // Closed while still sending (had the outbound stream completed first, Reactor Netty would
        // have sent a close frame without a status), and not cancelled by the close status that
        // sending the close frame itself signals (the frame would be lost: 1006 for the client).
        Mono<Void> goingAway = Mono.firstWithSignal(
                        feeds.stopping().thenReturn(Boolean.TRUE), session.closeStatus().thenReturn(Boolean.FALSE))
                .flatMap(stopping -> stopping ? session.close(CloseStatus.GOING_AWAY) : Mono.empty());
        return Mono.when(sending, goingAway).doFinally(signal -> feeds.release(feed));
    }
}
