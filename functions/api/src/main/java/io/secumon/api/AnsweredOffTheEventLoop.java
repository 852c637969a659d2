package io.secumon.api;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Handles every request off the HTTP event loop that read it, so that no response completes
 * while the loop is still dispatching the request.
 *
 * <p>Why: Reactor Netty 1.3.6 (Boot 4.0.7's; 1.3.8 needs a Netty newer than the Maven
 * Central mirror holds) stops reading a keep-alive connection when a request that arrived
 * while the previous one was in flight is then answered at once (reactor-netty #4361): the
 * connection hangs until the client gives up. Cached latest values, the liveness probe and
 * every early 400/401 are answered at once, and clients that reuse connections (dashboards,
 * load balancers) send the next request as soon as the last byte of the previous response is
 * out. One hop to the parallel scheduler per request avoids it; {@code KeepAliveTest} shows
 * the hang without it.
 */
final class AnsweredOffTheEventLoop implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).subscribeOn(Schedulers.parallel());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
