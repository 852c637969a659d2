package io.secumon.api.metrics;

import io.secumon.api.agents.AgentIds;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.secumon.api.auth.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Latest values and ranges of one agent's series. Every query is scoped by the
 * authenticated tenant, so another tenant's agent is "not found" like a missing one.
 */
final class MetricsHandler {

    /** {@code GET .../metrics/latest}: the newest value of every (filtered) series. */
    record LatestResponse(@JsonProperty("agent_id") UUID agentId, List<LatestValue> items) {
    }

    /** {@code GET .../metrics/range}: the series over the resolved span, at the resolution used. */
    record RangeResponse(@JsonProperty("agent_id") UUID agentId, Instant from, Instant to, String resolution,
                         List<SeriesRange> series) {
    }

    private final LatestCache latest;
    private final SeriesPoints points;
    private final KnownAgents agents;
    private final Clock clock;

    MetricsHandler(LatestCache latest, SeriesPoints points, KnownAgents agents, Clock clock) {
        this.latest = Objects.requireNonNull(latest, "latest");
        this.points = Objects.requireNonNull(points, "points");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Mono<ServerResponse> latest(ServerRequest request) {
        UUID tenant = Tenant.of(request).id();
        UUID agent = AgentIds.parse(request.pathVariable("id"));
        MetricFilter filter = MetricFilter.of(request.queryParams().getOrDefault("metric", List.of()));
        return latest.of(tenant, agent, filter)
                .flatMap(items -> agents.confirmed(tenant, agent, items))
                .flatMap(items -> json(new LatestResponse(agent, items)));
    }

    Mono<ServerResponse> range(ServerRequest request) {
        UUID tenant = Tenant.of(request).id();
        UUID agent = AgentIds.parse(request.pathVariable("id"));
        TimeRange range = TimeRange.parse(param(request, "from"), param(request, "to"), clock);
        Resolution resolution = Resolution.choose(param(request, "resolution"), range);
        MetricFilter filter = MetricFilter.of(request.queryParams().getOrDefault("metric", List.of()));
        return points.forAgent(tenant, agent, filter, range, resolution).collectList()
                .flatMap(series -> agents.confirmed(tenant, agent, series))
                .flatMap(series -> json(new RangeResponse(agent, range.from(), range.to(), resolution.label(),
                        series)));
    }

    static String param(ServerRequest request, String name) {
        return request.queryParam(name).orElse(null);
    }

    static Mono<ServerResponse> json(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }
}
