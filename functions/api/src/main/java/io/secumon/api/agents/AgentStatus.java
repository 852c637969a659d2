package io.secumon.api.agents;

import com.fasterxml.jackson.annotation.JsonValue;
import io.secumon.api.problem.ApiProblem;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an agent is doing, computed when read: {@code disabled} when an operator switched it
 * off, {@code pending} when it never delivered, {@code online} when it delivered within
 * {@code SECUMON_AGENT_OFFLINE_AFTER}, else {@code offline}. Computing it from
 * {@code last_seen} rather than trusting the stored column means no job has to flip agents
 * to offline, and an api instance never shows a stale "online".
 */
public enum AgentStatus {
    ONLINE, OFFLINE, PENDING, DISABLED;

    /**
     * The status as a SQL expression over an {@code agents} row; binds {@code :online_since}
     * (now minus the offline threshold).
     */
    static final String SQL = """
            CASE WHEN status = 'disabled' THEN 'disabled'
                 WHEN last_seen IS NULL THEN 'pending'
                 WHEN last_seen >= :online_since THEN 'online'
                 ELSE 'offline' END""";

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AgentStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /**
     * The status a client named in {@code ?status=}.
     *
     * @throws ApiProblem 400 {@code bad-status} for anything else
     */
    static AgentStatus parse(String text) {
        for (AgentStatus status : values()) {
            if (status.label().equals(text)) {
                return status;
            }
        }
        throw ApiProblem.badRequest("bad-status", "status must be one of "
                + Arrays.stream(values()).map(AgentStatus::label).collect(Collectors.joining(", "))
                + ", got '" + (text.length() > 32 ? text.substring(0, 32) + "..." : text) + "'");
    }
}
