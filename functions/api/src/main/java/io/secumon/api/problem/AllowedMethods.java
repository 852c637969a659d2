package io.secumon.api.problem;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpMethod;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The methods the routes accept for a path. Functional routes only say "no match", which
 * WebFlux reports as 404; asking the same routes with the other methods tells a wrong
 * method (405 with {@code Allow}) from an unknown path (404).
 */
final class AllowedMethods {

    private static final List<HttpMethod> CANDIDATES =
            List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final ObjectProvider<RouterFunction<?>> routes;
    private final ServerCodecConfigurer codecs;

    AllowedMethods(ObjectProvider<RouterFunction<?>> routes, ServerCodecConfigurer codecs) {
        this.routes = routes;
        this.codecs = codecs;
    }

    /** Methods other than the request's that some route accepts for the request's path, by name. */
    Mono<Set<String>> of(ServerWebExchange exchange) {
        HttpMethod requested = exchange.getRequest().getMethod();
        List<RouterFunction<?>> all = routes.orderedStream().toList();
        return Flux.fromIterable(CANDIDATES)
                .filter(method -> !method.equals(requested))
                .filterWhen(method -> routed(all, exchange, method))
                .map(HttpMethod::name)
                .collect(TreeSet::new, Set::add);
    }

    private Mono<Boolean> routed(List<RouterFunction<?>> all, ServerWebExchange exchange, HttpMethod method) {
        ServerWebExchange probe = exchange.mutate().request(request -> request.method(method)).build();
        ServerRequest request = ServerRequest.create(probe, codecs.getReaders());
        return Flux.fromIterable(all).concatMap(route -> route.route(request)).hasElements();
    }
}
