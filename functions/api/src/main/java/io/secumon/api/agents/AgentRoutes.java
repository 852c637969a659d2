package io.secumon.api.agents;

import static org.springframework.web.reactive.function.server.RequestPredicates.DELETE;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.PATCH;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.secumon.api.ApiSettings;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routes of the agents resource:
 * <pre>
 *   GET    /api/v1/agents          ?limit ?cursor ?status ?label=key:value (repeatable)
 *   GET    /api/v1/agents/stats    ?label=key:value
 *   GET    /api/v1/agents/{id}
 *   POST   /api/v1/agents          {"name", "labels"}  -> 201 with the one-time agent token
 *   PATCH  /api/v1/agents/{id}     {"name", "labels", "disabled"}
 *   DELETE /api/v1/agents/{id}     -> 204
 * </pre>
 */
@Configuration(proxyBeanMethods = false)
class AgentRoutes {

    @Bean
    RouterFunction<ServerResponse> agentRouter(DatabaseClient database, ReactiveTransactionManager transactions,
                                               JsonMapper json, Clock clock, ApiSettings settings) {
        AgentHandler agents = new AgentHandler(new Agents(database, TransactionalOperator.create(transactions), json,
                clock, settings.agentOfflineAfter()), settings.maxPageSize());
        // "stats" before "{id}": the first matching route wins, and "stats" would match {id}.
        return route(GET("/api/v1/agents/stats"), deferred(agents::stats))
                .andRoute(GET("/api/v1/agents"), deferred(agents::list))
                .andRoute(POST("/api/v1/agents"), deferred(agents::create))
                .andRoute(GET("/api/v1/agents/{id}"), deferred(agents::get))
                .andRoute(PATCH("/api/v1/agents/{id}"), deferred(agents::update))
                .andRoute(DELETE("/api/v1/agents/{id}"), deferred(agents::delete));
    }

    /** Turns a problem thrown while reading the request into an error signal, like every other failure. */
    private static HandlerFunction<ServerResponse> deferred(HandlerFunction<ServerResponse> handler) {
        return request -> Mono.defer(() -> handler.handle(request));
    }
}
