package io.secumon.api.agents;

import io.secumon.api.problem.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Which agents a list or count is about: {@code ?status=} (one of {@link AgentStatus}) and
 * any number of {@code ?label=key:value}, all of which must hold.
 */
record AgentFilter(Optional<AgentStatus> status, List<Map.Entry<String, String>> labels) {

    /** Enough for any real selection; bounds the size of the query a client can make us build. */
    static final int MAX_LABEL_FILTERS = 20;

    AgentFilter {
        labels = List.copyOf(labels);
    }

    /**
     * Reads the filters of {@code request}.
     *
     * @throws ApiProblem 400 {@code bad-status} or {@code bad-label-filter}
     */
    static AgentFilter of(ServerRequest request) {
        List<String> statuses = request.queryParams().getOrDefault("status", List.of());
        if (statuses.size() > 1) {
            throw ApiProblem.badRequest("bad-status", "status may be given once");
        }
        List<String> labelParameters = request.queryParams().getOrDefault("label", List.of());
        if (labelParameters.size() > MAX_LABEL_FILTERS) {
            throw ApiProblem.badRequest("bad-label-filter", "at most " + MAX_LABEL_FILTERS + " label filters");
        }
        List<Map.Entry<String, String>> labels = new ArrayList<>();
        for (String label : labelParameters) {
            int colon = label.indexOf(':');
            if (colon < 1) {
                throw ApiProblem.badRequest("bad-label-filter", "label filter must be key:value, like label=env:prod;"
                        + " got '" + (label.length() > 64 ? label.substring(0, 64) + "..." : label) + "'");
            }
            labels.add(Map.entry(label.substring(0, colon), label.substring(colon + 1)));
        }
        return new AgentFilter(statuses.stream().findFirst().map(AgentStatus::parse), labels);
    }
}
