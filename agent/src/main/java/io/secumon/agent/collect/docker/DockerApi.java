package io.secumon.agent.collect.docker;

import java.io.IOException;

/** GET requests to the Docker Engine API; the seam that lets tests feed canned JSON. */
@FunctionalInterface
public interface DockerApi {

    /** An HTTP status and its body. */
    record Response(int status, String body) {
    }

    /**
     * Sends {@code GET path} (e.g. {@code /containers/json?all=1}) and returns the answer.
     *
     * @throws IOException when the daemon cannot be reached or answers garbage
     */
    Response get(String path) throws IOException;
}
