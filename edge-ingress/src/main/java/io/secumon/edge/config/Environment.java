package io.secumon.edge.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of environment variables. A blank value counts as unset, because compose
 * files and systemd units often write {@code VAR=} to mean "the default".
 */
final class Environment {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private final Map<String, String> variables;

    Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    String text(String name, String fallback) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** As given, untrimmed: spaces may be part of a password. */
    String secret(String name, String fallback) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    int integer(String name, int fallback) {
        String value = text(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(name, "'" + value + "' is not a whole number");
        }
    }

    /** Durations are written {@code 500ms}, {@code 30s}, {@code 5m} or {@code 1h}. */
    Duration duration(String name, Duration fallback) {
        String value = text(name, null);
        if (value == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new InvalidConfigException(name, "'" + value + "' is not a duration (write e.g. 500ms, 30s, 5m, 1h)");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    URI uri(String name, String fallback) {
        String value = text(name, fallback);
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            // The value may hold a password: name the variable, not the value.
            throw new InvalidConfigException(name, "not a valid URI (" + e.getReason() + ")");
        }
    }
}
