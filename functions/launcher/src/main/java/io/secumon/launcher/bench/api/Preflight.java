package io.secumon.launcher.bench.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * One request of each kind before the load, checked for content: fast answers that carry
 * no data (a filter matching nothing, an empty range) would make the figures meaningless.
 */
final class Preflight {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private Preflight() {
    }

    /** Describes what came back; throws when a response is not 200 or carries no data. */
    static String check(HttpClient http, URI base, String apiKey, Targets targets)
            throws IOException, InterruptedException {
        UUID agent = targets.agents().getFirst();
        String metric = targets.metrics().getFirst();
        HttpResponse<byte[]> latest = get(http, RequestKind.LATEST.uri(base, agent, metric), apiKey);
        int values = JSON.readTree(latest.body()).path("items").size();
        if (values != targets.metrics().size()) {
            throw new IllegalStateException("latest of agent " + agent + " returned " + values + " values, "
                    + targets.metrics().size() + " expected");
        }
        HttpResponse<byte[]> range = get(http, RequestKind.RANGE.uri(base, agent, metric), apiKey);
        JsonNode body = JSON.readTree(range.body());
        JsonNode series = body.path("series");
        if (series.isEmpty() || series.get(0).path("points").isEmpty()) {
            throw new IllegalStateException("range of " + metric + " of agent " + agent + " returned no points: "
                    + new String(range.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return String.format(Locale.ROOT, "latest: %d values (%.1f KB); range of %s: %d series x %d points"
                        + " at resolution %s (%.1f KB)", values, latest.body().length / 1024.0, metric,
                series.size(), series.get(0).path("points").size(), body.path("resolution").asString(),
                range.body().length / 1024.0);
    }

    private static HttpResponse<byte[]> get(HttpClient http, URI uri, String apiKey)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + apiKey)
                .timeout(ApiClients.REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return response;
    }
}
