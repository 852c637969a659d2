package io.secumon.api.agents;

import io.secumon.api.problem.ApiProblem;
import java.util.Map;
import java.util.Set;

/** The body of {@code POST /api/v1/agents}: {@code name} (required) and {@code labels}. */
record NewAgent(String name, Map<String, String> labels) {

    NewAgent {
        labels = Map.copyOf(labels);
    }

    /**
     * @throws ApiProblem 400 {@code invalid-field} naming what is wrong
     */
    static NewAgent of(Map<String, Object> body) {
        AgentFields.onlyKnown(body, Set.of("name", "labels"));
        if (!body.containsKey("name")) {
            throw ApiProblem.badRequest("invalid-field", "name is required");
        }
        Object labels = body.get("labels");
        return new NewAgent(AgentFields.name(body.get("name")), labels == null ? Map.of() : AgentFields.labels(labels));
    }
}
