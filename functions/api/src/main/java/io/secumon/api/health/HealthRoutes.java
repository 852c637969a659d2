package io.secumon.api.health;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.secumon.api.MigratedSchema;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Health probes, open without an API key:
 * <ul>
 *   <li>{@code GET /health/live}: the process serves requests (liveness: restart me if not);
 *       never touches the database, so a database outage does not restart every api pod;</li>
 *   <li>{@code GET /health/ready}: the database answers and carries this build's schema
 *       (readiness: send me traffic), else 503;</li>
 *   <li>{@code GET /health}: the same checks for humans and load balancers; 503 when the
 *       database does not answer.</li>
 * </ul>
 * Bodies: {@code {"status": "UP"|"DOWN", "database": "UP"|"DOWN", "schema": "UP"|"DOWN"|"UNKNOWN"}}
 * ({@code {"status": "UP"}} for liveness).
 */
@Configuration(proxyBeanMethods = false)
class HealthRoutes {

    /** Body of a probe answer. */
    record Health(String status, String database, String schema) {

        static Health of(DatabaseHealth.State state, boolean needsSchema) {
            String database = state == DatabaseHealth.State.UNREACHABLE ? "DOWN" : "UP";
            String schema = switch (state) {
                case READY -> "UP";
                case NOT_MIGRATED -> "DOWN";
                case UNREACHABLE -> "UNKNOWN";
            };
            boolean up = needsSchema ? state == DatabaseHealth.State.READY : database.equals("UP");
            return new Health(up ? "UP" : "DOWN", database, schema);
        }
    }

    @Bean
    RouterFunction<ServerResponse> healthRouter(DatabaseClient database, MigratedSchema schema) {
        DatabaseHealth health = new DatabaseHealth(database, schema);
        return route(GET("/health/live"), request -> respond(true, Map.of("status", "UP")))
                .andRoute(GET("/health/ready"), request -> health.check().map(s -> Health.of(s, true))
                        .flatMap(h -> respond(h.status().equals("UP"), h)))
                .andRoute(GET("/health"), request -> health.check().map(s -> Health.of(s, false))
                        .flatMap(h -> respond(h.status().equals("UP"), h)));
    }

    private static Mono<ServerResponse> respond(boolean up, Object body) {
        return ServerResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_JSON)
                // Probes poll; a cached "UP" would hide an outage.
                .header("Cache-Control", "no-store")
                .bodyValue(body);
    }
}
