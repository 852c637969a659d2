package io.secumon.edge.auth;

import java.util.UUID;

/**
 * The outcome of {@link Enrollment#enroll}: the agent's ids and its new bearer token. The
 * token is shown once; only its hash is stored.
 */
public record EnrolledAgent(UUID tenantId, UUID agentId, String token) {

    /** Masks the token so that logging this record never leaks it. */
    @Override
    public String toString() {
        return "EnrolledAgent[tenantId=" + tenantId + ", agentId=" + agentId + ", token=****]";
    }
}
