package io.secumon.api.metrics;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Label sets between their {@code jsonb} column and Java: a flat object of strings, kept
 * sorted by key so that responses list labels in a stable order.
 */
final class Labels {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };

    private Labels() {
    }

    /** The labels of a {@code labels::text} column. */
    static Map<String, String> parse(String json) {
        if (json == null || json.equals("{}")) {
            return Map.of();
        }
        return JSON.readValue(json, MAP);
    }

    /** JSON text for a {@code jsonb} parameter. */
    static String json(Map<String, String> labels) {
        return labels == null || labels.isEmpty() ? "{}" : JSON.writeValueAsString(new TreeMap<>(labels));
    }
}
