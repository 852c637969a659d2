package io.secumon.api.agents;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The answer to provisioning an agent: the agent's fields plus {@code token}, the agent's
 * bearer token for the edge. Only its SHA-256 is stored, so this is the one chance to copy it.
 */
public record CreatedAgent(@JsonUnwrapped Agent agent, String token) {
}
