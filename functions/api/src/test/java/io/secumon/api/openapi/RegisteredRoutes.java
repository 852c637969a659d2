package io.secumon.api.openapi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import reactor.core.publisher.Mono;

/**
 * Every (method, path) the running api routes, as {@code "GET /api/v1/agents/{}"} (path
 * variables anonymised, since the document and the code may name them differently): the
 * functional routes, read by visiting every {@link RouterFunction} bean, and the URL
 * mappings (the WebSocket upgrade), which are GETs.
 */
final class RegisteredRoutes implements RouterFunctions.Visitor, RequestPredicates.Visitor {

    private final Set<String> routes = new TreeSet<>();
    private final Deque<String> prefixes = new ArrayDeque<>();
    private final Set<String> methods = new TreeSet<>();
    private String path = "";

    private RegisteredRoutes() {
    }

    static Set<String> of(ApplicationContext context) {
        RegisteredRoutes collector = new RegisteredRoutes();
        for (RouterFunction<?> router : context.getBeansOfType(RouterFunction.class).values()) {
            router.accept(collector);
        }
        for (SimpleUrlHandlerMapping mapping : context.getBeansOfType(SimpleUrlHandlerMapping.class).values()) {
            mapping.getUrlMap().keySet().forEach(url -> collector.routes.add(key("GET", url)));
        }
        return collector.routes;
    }

    /** {@code "METHOD /path/{}"}. */
    static String key(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("\\{[^}]*}", "{}");
    }

    @Override
    public void startNested(RequestPredicate predicate) {
        read(predicate);
        prefixes.push(prefix() + path);
    }

    @Override
    public void endNested(RequestPredicate predicate) {
        prefixes.pop();
    }

    @Override
    public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
        read(predicate);
        if (methods.isEmpty()) {
            throw new IllegalStateException("route " + predicate + " accepts every method: name the methods");
        }
        methods.forEach(method -> routes.add(key(method, prefix() + path)));
    }

    @Override
    public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
        throw new IllegalStateException("static resources are routed: document them");
    }

    @Override
    public void attributes(Map<String, Object> attributes) {
    }

    @Override
    public void unknown(RouterFunction<?> routerFunction) {
        throw new IllegalStateException("cannot read the routes of " + routerFunction);
    }

    @Override
    public void method(Set<HttpMethod> httpMethods) {
        httpMethods.forEach(method -> methods.add(method.name()));
    }

    @Override
    public void path(String pattern) {
        path = pattern;
    }

    @Override
    public void pathExtension(String extension) {
    }

    @Override
    public void header(String name, String value) {
    }

    @Override
    public void queryParam(String name, String value) {
    }

    @Override
    public void version(String version) {
    }

    @Override
    public void startAnd() {
    }

    @Override
    public void and() {
    }

    @Override
    public void endAnd() {
    }

    @Override
    public void startOr() {
        throw new IllegalStateException("OR predicates are not read here: route each path separately");
    }

    @Override
    public void or() {
    }

    @Override
    public void endOr() {
    }

    @Override
    public void startNegate() {
        throw new IllegalStateException("negated predicates are not read here");
    }

    @Override
    public void endNegate() {
    }

    @Override
    public void unknown(RequestPredicate predicate) {
        throw new IllegalStateException("cannot read request predicate " + predicate);
    }

    private void read(RequestPredicate predicate) {
        methods.clear();
        path = "";
        predicate.accept(this);
    }

    private String prefix() {
        return prefixes.isEmpty() ? "" : prefixes.peek();
    }
}
