package io.secumon.api.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One query of a multi-series request: the series of {@code agent} named {@code metric} (or
 * starting with it, when it ends in {@code *}) whose labels include {@code labels}.
 */
public record SeriesQuery(UUID agent, String metric, Map<String, String> labels) {

    public SeriesQuery {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(metric, "metric");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
