package io.secumon.launcher.local;

import java.util.Optional;
import java.util.UUID;

/**
 * What a local run prints once everything is up: where each part listens, a ready API key,
 * and a {@code curl} command to paste that shows this host's CPU usage. The command is
 * printed on a line of its own, starting with {@code curl}, exactly as it can be run.
 *
 * @param apiUrl    base URL of the api, e.g. {@code http://localhost:8080}
 * @param apiKey    a key of the local tenant
 * @param tenant    the local tenant's name
 * @param edge      where agents connect, {@code host:port}
 * @param database  the database, as a JDBC URL plus how it runs
 * @param pipeline  how the functions are joined
 * @param agent     the local agent, when one runs
 * @param runDirectory where data and logs are
 */
record ReadyMessage(String apiUrl, String apiKey, String tenant, String edge, String database, String pipeline,
                    Optional<Agent> agent, String runDirectory) {

    /** The local agent: its id, host name and collection interval. */
    record Agent(UUID id, String hostname, String interval) {
    }

    /** The first line, printed when start-up is complete. */
    static final String READY = "SecuMon is running. Ctrl-C stops it.";

    /** The command that shows this host's latest CPU usage (or lists agents when none runs). */
    String curl() {
        String url = agent.map(a -> apiUrl + "/api/v1/agents/" + a.id() + "/metrics/latest?metric=cpu.usage_percent")
                .orElse(apiUrl + "/api/v1/agents");
        return "curl -H \"Authorization: Bearer " + apiKey + "\" \"" + url + "\"";
    }

    String text() {
        StringBuilder text = new StringBuilder()
                .append(READY).append("\n\n")
                .append("  API          ").append(apiUrl).append("   (OpenAPI: ").append(apiUrl)
                .append("/api/v1/openapi.yaml)\n")
                .append("  API key      ").append(apiKey).append("   (tenant ").append(tenant).append(")\n")
                .append("  edge (gRPC)  ").append(edge).append("   (plaintext; enroll more agents with tenant ")
                .append(tenant).append(")\n")
                .append("  database     ").append(database).append('\n')
                .append("  functions    ").append(pipeline).append('\n');
        agent.ifPresent(a -> text.append("  local agent  ").append(a.hostname()).append(", id ").append(a.id())
                .append(", collects every ").append(a.interval()).append('\n'));
        text.append("  data, logs   ").append(runDirectory).append("\n\n");
        if (agent.isPresent()) {
            text.append("This host's CPU usage (the first value is stored one interval after start):\n");
        } else {
            text.append("No local agent (the agent module is not on the class path). The agents:\n");
        }
        return text.append("  ").append(curl()).append('\n').toString();
    }
}
