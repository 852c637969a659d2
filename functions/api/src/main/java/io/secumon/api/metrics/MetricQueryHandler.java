package io.secumon.api.metrics;

import io.secumon.api.agents.AgentIds;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.secumon.api.auth.Tenant;
import io.secumon.api.problem.ApiProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/metrics/query}: several series, possibly of several agents, over one
 * range in one request (a dashboard panel comparing hosts). Body:
 * <pre>
 * {"queries": [{"agent_id": "...", "metric": "cpu.usage_percent"},
 *              {"agent_id": "...", "metric": "filesystem.used_percent", "labels": {"mount": "/"}}],
 *  "from": "-6h", "to": "now", "resolution": "auto"}
 * </pre>
 * {@code metric} is an exact name or a prefix ending in {@code *}; {@code labels} must all be
 * present on a series (it may have more). Each series in the response carries the index of
 * the query that matched it. An agent the tenant does not have is 404, as on the per-agent
 * routes.
 */
final class MetricQueryHandler {

    /** At most this many queries per request. */
    static final int MAX_QUERIES = 50;

    /** The request body. */
    record Body(List<Query> queries, String from, String to, String resolution) {
    }

    /** One query of the body; text fields so that errors name the field rather than fail decoding. */
    record Query(@JsonProperty("agent_id") String agentId, String metric, Map<String, String> labels) {
    }

    /** The response: the series every query matched, by query. */
    record Response(Instant from, Instant to, String resolution, List<SeriesRange> series) {
    }

    private final SeriesPoints points;
    private final KnownAgents agents;
    private final Clock clock;

    MetricQueryHandler(SeriesPoints points, KnownAgents agents, Clock clock) {
        this.points = Objects.requireNonNull(points, "points");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Mono<ServerResponse> query(ServerRequest request) {
        UUID tenant = Tenant.of(request).id();
        return request.bodyToMono(Body.class)
                .switchIfEmpty(Mono.error(() -> ApiProblem.badRequest("bad-query",
                        "a JSON body {\"queries\": [{\"agent_id\": ..., \"metric\": ...}], \"from\", \"to\","
                                + " \"resolution\"} is required")))
                .flatMap(body -> run(tenant, body));
    }

    private Mono<ServerResponse> run(UUID tenant, Body body) {
        List<SeriesQuery> queries = queries(body.queries());
        TimeRange range = TimeRange.parse(body.from(), body.to(), clock);
        Resolution resolution = Resolution.choose(body.resolution(), range);
        return points.forQueries(tenant, queries, range, resolution).collectList()
                .flatMap(series -> agents.requireAll(tenant, unmatchedAgents(queries, series)).thenReturn(series))
                .flatMap(series -> MetricsHandler.json(
                        new Response(range.from(), range.to(), resolution.label(), series)));
    }

    static List<SeriesQuery> queries(List<Query> queries) {
        if (queries == null || queries.isEmpty()) {
            throw ApiProblem.badRequest("bad-query", "queries must list at least one {\"agent_id\", \"metric\"}");
        }
        if (queries.size() > MAX_QUERIES) {
            throw ApiProblem.badRequest("too-many-queries",
                    queries.size() + " queries in one request, at most " + MAX_QUERIES + " are accepted");
        }
        List<SeriesQuery> parsed = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            Query query = queries.get(i);
            if (query == null || query.metric() == null) {
                throw ApiProblem.badRequest("bad-query", "queries[" + i + "] needs agent_id and metric");
            }
            Map<String, String> labels = query.labels() == null ? Map.of() : query.labels();
            for (Map.Entry<String, String> label : labels.entrySet()) {
                if (label.getKey() == null || label.getValue() == null) {
                    throw ApiProblem.badRequest("bad-query", "queries[" + i + "].labels must map names to strings");
                }
            }
            parsed.add(new SeriesQuery(AgentIds.parse(query.agentId()), MetricFilter.checked(query.metric()), labels));
        }
        return parsed;
    }

    /** Agents of queries that matched nothing: the only ones whose existence is in doubt. */
    private static Set<UUID> unmatchedAgents(List<SeriesQuery> queries, List<SeriesRange> series) {
        Set<UUID> matched = new LinkedHashSet<>();
        series.forEach(s -> matched.add(s.agentId()));
        Set<UUID> unmatched = new LinkedHashSet<>();
        for (SeriesQuery query : queries) {
            if (!matched.contains(query.agent())) {
                unmatched.add(query.agent());
            }
        }
        return unmatched;
    }
}
