package io.secumon.api.agents;

import io.secumon.api.problem.ApiProblem;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code PATCH /api/v1/agents/{id}}: only the members present change.
 * {@code labels} replaces the whole label set; {@code disabled: true} switches the agent off
 * (the edge refuses its batches), {@code false} switches it back on.
 */
record AgentChanges(Optional<String> name, Optional<Map<String, String>> labels, Optional<Boolean> disabled) {

    /**
     * @throws ApiProblem 400 {@code invalid-field} naming what is wrong
     */
    static AgentChanges of(Map<String, Object> body) {
        AgentFields.onlyKnown(body, Set.of("name", "labels", "disabled"));
        return new AgentChanges(
                present(body, "name").map(AgentFields::name),
                present(body, "labels").map(AgentFields::labels),
                present(body, "disabled").map(AgentFields::disabled));
    }

    boolean isEmpty() {
        return name.isEmpty() && labels.isEmpty() && disabled.isEmpty();
    }

    /** A member given as null is an error, not "no change": null has no meaning for these fields. */
    private static Optional<Object> present(Map<String, Object> body, String field) {
        if (!body.containsKey(field)) {
            return Optional.empty();
        }
        if (body.get(field) == null) {
            throw ApiProblem.badRequest("invalid-field", field + " must not be null");
        }
        return Optional.of(body.get(field));
    }
}
