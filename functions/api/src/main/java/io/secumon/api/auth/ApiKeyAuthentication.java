package io.secumon.api.auth;

import io.secumon.api.problem.ApiProblem;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Requires an API key on every request except health probes and the OpenAPI document, and
 * puts the key's {@link Tenant} on the exchange for the handlers. A key is accepted as
 * {@code Authorization: Bearer smk_...} or {@code X-API-Key: smk_...}; on WebSocket paths
 * ({@code /ws/...}) also as {@code ?api_key=}, because browsers cannot set headers on a
 * WebSocket. Elsewhere the query form is refused: URLs end up in logs and browser history.
 *
 * <p>Runs before routing, so an unauthenticated client learns nothing about which paths
 * exist: every refusal is the same 401.
 */
public final class ApiKeyAuthentication implements WebFilter, Ordered {

    /** Paths open without a key: Kubernetes probes and the API description. */
    public static final Set<String> OPEN_PATHS =
            Set.of("/health", "/health/live", "/health/ready", "/api/v1/openapi.yaml");

    /** Header alternative to {@code Authorization: Bearer}. */
    public static final String API_KEY_HEADER = "X-API-Key";

    /** Query parameter carrying the key on WebSocket upgrades. */
    public static final String API_KEY_PARAMETER = "api_key";

    private final ApiKeyVerifier verifier;

    public ApiKeyAuthentication(ApiKeyVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (OPEN_PATHS.contains(path)) {
            return chain.filter(exchange);
        }
        Optional<String> key = presentedKey(exchange.getRequest(), path);
        if (key.isEmpty()) {
            return Mono.error(ApiProblem.unauthorized("an API key is required: send 'Authorization: Bearer smk_...'"
                    + " or 'X-API-Key: smk_...'"));
        }
        return verifier.verify(key.get())
                .switchIfEmpty(Mono.error(() -> ApiProblem.unauthorized("the API key is not valid (unknown or revoked)")))
                .flatMap(tenant -> {
                    exchange.getAttributes().put(Tenant.ATTRIBUTE, tenant);
                    return chain.filter(exchange);
                });
    }

    /** Early, but after infrastructure filters (observation) so refusals are still observed. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    private static Optional<String> presentedKey(ServerHttpRequest request, String path) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return nonBlank(authorization.substring(7));
        }
        String header = request.getHeaders().getFirst(API_KEY_HEADER);
        if (header != null) {
            return nonBlank(header);
        }
        if (path.startsWith("/ws/")) {
            return nonBlank(request.getQueryParams().getFirst(API_KEY_PARAMETER));
        }
        return Optional.empty();
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
