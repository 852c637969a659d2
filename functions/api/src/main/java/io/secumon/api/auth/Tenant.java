package io.secumon.api.auth;

import java.util.Objects;
import java.util.UUID;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The tenant a request acts for, established by authentication before any handler runs
 * and stored as an exchange attribute. Every query a handler makes is scoped by
 * {@link #id()}; a handler never takes a tenant from the request itself.
 *
 * <p>API keys resolve to a tenant today; JWT sessions will resolve to the same record (with
 * the user added), so handlers do not change when they arrive.
 */
public record Tenant(UUID id) {

    /** The exchange attribute holding the authenticated tenant. */
    public static final String ATTRIBUTE = Tenant.class.getName();

    public Tenant {
        Objects.requireNonNull(id, "id");
    }

    /** The authenticated tenant of {@code request}; authentication guarantees there is one. */
    public static Tenant of(ServerRequest request) {
        return of(request.exchange());
    }

    /** The authenticated tenant of {@code exchange}; authentication guarantees there is one. */
    public static Tenant of(ServerWebExchange exchange) {
        Tenant tenant = exchange.getAttribute(ATTRIBUTE);
        if (tenant == null) {
            throw new IllegalStateException("no authenticated tenant on " + exchange.getRequest().getPath()
                    + ": the route is not behind authentication");
        }
        return tenant;
    }
}
