package io.secumon.launcher.bench.api;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The two requests the benchmark measures, as a dashboard of one agent makes them. */
enum RequestKind {

    /** The newest value of every series of the agent. */
    LATEST("latest"),
    /** One metric of the agent over the last 24 hours at automatic resolution (5-minute buckets). */
    RANGE("range");

    private final String label;

    RequestKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    URI uri(URI base, UUID agent, String metric) {
        String path = "/api/v1/agents/" + agent + "/metrics/" + label;
        if (this == RANGE) {
            path += "?metric=" + URLEncoder.encode(metric, StandardCharsets.UTF_8)
                    + "&from=-24h&to=now&resolution=auto";
        }
        return base.resolve(path);
    }
}
