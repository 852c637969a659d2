package io.secumon.api.metrics;

import io.secumon.api.agents.AgentIds;
import io.secumon.api.auth.Tenant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Dashboard views of an agent's latest values: {@link DiskView}, {@link NetworkView} and
 * {@link ProcessView}, each from the agent's latest values ({@link LatestCache}).
 */
final class MetricViewsHandler {

    private final LatestCache latest;
    private final KnownAgents agents;

    MetricViewsHandler(LatestCache latest, KnownAgents agents) {
        this.latest = Objects.requireNonNull(latest, "latest");
        this.agents = Objects.requireNonNull(agents, "agents");
    }

    Mono<ServerResponse> disk(ServerRequest request) {
        return view(request, DiskView.METRICS, DiskView::of);
    }

    Mono<ServerResponse> network(ServerRequest request) {
        return view(request, NetworkView.METRICS, NetworkView::of);
    }

    Mono<ServerResponse> processes(ServerRequest request) {
        return view(request, ProcessView.METRICS, ProcessView::of);
    }

    private Mono<ServerResponse> view(ServerRequest request, MetricFilter metrics,
                                      BiFunction<UUID, List<LatestValue>, Object> view) {
        UUID tenant = Tenant.of(request).id();
        UUID agent = AgentIds.parse(request.pathVariable("id"));
        return latest.of(tenant, agent, metrics)
                .flatMap(values -> agents.confirmed(tenant, agent, values))
                .flatMap(values -> MetricsHandler.json(view.apply(agent, values)));
    }
}
