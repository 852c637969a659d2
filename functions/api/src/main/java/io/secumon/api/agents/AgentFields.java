package io.secumon.api.agents;

import io.secumon.api.problem.ApiProblem;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The rules for the fields clients may write: {@code name}, {@code labels}, {@code disabled}. */
final class AgentFields {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_LABELS = 64;
    static final int MAX_LABEL_VALUE_LENGTH = 200;

    /** No colon: {@code ?label=key:value} splits at the first one. */
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9_.\\-/]{1,100}");

    private AgentFields() {
    }

    /** Refuses members other than {@code accepted}: a misspelt field must not be silently ignored. */
    static void onlyKnown(Map<String, Object> body, Set<String> accepted) {
        for (String field : body.keySet()) {
            if (!accepted.contains(field)) {
                throw invalid("unknown field '" + shortened(field) + "'; accepted: "
                        + String.join(", ", new TreeSet<>(accepted)));
            }
        }
    }

    static String name(Object value) {
        if (!(value instanceof String name) || name.isBlank() || name.length() > MAX_NAME_LENGTH
                || name.chars().anyMatch(Character::isISOControl)) {
            throw invalid("name must be a non-blank string of at most " + MAX_NAME_LENGTH
                    + " characters without control characters");
        }
        return name;
    }

    static Map<String, String> labels(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid("labels must be an object of strings, like {\"env\": \"prod\"}");
        }
        if (map.size() > MAX_LABELS) {
            throw invalid("at most " + MAX_LABELS + " labels");
        }
        Map<String, String> labels = new TreeMap<>();
        for (Map.Entry<?, ?> label : map.entrySet()) {
            String key = String.valueOf(label.getKey());
            if (!LABEL_KEY.matcher(key).matches()) {
                throw invalid("label key '" + shortened(key) + "' must be 1 to 100 of A-Z a-z 0-9 _ . - /");
            }
            if (!(label.getValue() instanceof String text) || text.length() > MAX_LABEL_VALUE_LENGTH) {
                throw invalid("label '" + key + "' must be a string of at most " + MAX_LABEL_VALUE_LENGTH
                        + " characters");
            }
            labels.put(key, text);
        }
        return labels;
    }

    static boolean disabled(Object value) {
        if (!(value instanceof Boolean disabled)) {
            throw invalid("disabled must be true or false");
        }
        return disabled;
    }

    private static String shortened(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }

    private static ApiProblem invalid(String detail) {
        return ApiProblem.badRequest("invalid-field", detail);
    }
}
