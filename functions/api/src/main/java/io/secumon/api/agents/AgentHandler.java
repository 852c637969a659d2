package io.secumon.api.agents;

import io.secumon.api.auth.Tenant;
import io.secumon.api.page.PageRequest;
import io.secumon.api.problem.ApiProblem;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** HTTP in and out for {@code /api/v1/agents}; the rules live in {@link Agents} and the field classes. */
final class AgentHandler {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private final Agents agents;
    private final int maxPageSize;

    AgentHandler(Agents agents, int maxPageSize) {
        this.agents = agents;
        this.maxPageSize = maxPageSize;
    }

    Mono<ServerResponse> list(ServerRequest request) {
        PageRequest page = PageRequest.of(request, maxPageSize);
        AgentFilter filter = AgentFilter.of(request);
        return agents.list(tenant(request), filter, page).flatMap(this::ok);
    }

    Mono<ServerResponse> stats(ServerRequest request) {
        return agents.stats(tenant(request), AgentFilter.of(request)).flatMap(this::ok);
    }

    Mono<ServerResponse> get(ServerRequest request) {
        return agents.find(tenant(request), id(request)).flatMap(this::ok);
    }

    Mono<ServerResponse> create(ServerRequest request) {
        UUID tenant = tenant(request);
        return body(request).map(NewAgent::of)
                .flatMap(agent -> agents.create(tenant, agent))
                .flatMap(created -> ServerResponse.created(URI.create("/api/v1/agents/" + created.agent().id()))
                        .contentType(MediaType.APPLICATION_JSON)
                        // The body holds a secret: no cache on the way may keep it.
                        .header("Cache-Control", "no-store")
                        .bodyValue(created));
    }

    Mono<ServerResponse> update(ServerRequest request) {
        UUID tenant = tenant(request);
        UUID id = id(request);
        return body(request).map(AgentChanges::of)
                .flatMap(changes -> agents.update(tenant, id, changes))
                .flatMap(this::ok);
    }

    Mono<ServerResponse> delete(ServerRequest request) {
        return agents.delete(tenant(request), id(request)).then(ServerResponse.noContent().build());
    }

    private Mono<ServerResponse> ok(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    private static UUID tenant(ServerRequest request) {
        return Tenant.of(request).id();
    }

    /**
     * The {@code {id}} of the path.
     *
     * @throws ApiProblem 400 {@code malformed-id} when it is not a UUID
     */
    private static UUID id(ServerRequest request) {
        return AgentIds.parse(request.pathVariable("id"));
    }

    private static Mono<Map<String, Object>> body(ServerRequest request) {
        return request.bodyToMono(JSON_OBJECT)
                .switchIfEmpty(Mono.error(() -> ApiProblem.badRequest("missing-body",
                        "the request needs a JSON object body")));
    }
}
