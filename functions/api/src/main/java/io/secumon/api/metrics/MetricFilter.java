package io.secumon.api.metrics;

import io.secumon.api.problem.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which metrics a query asks for, from repeatable {@code metric} parameters: an exact name
 * ({@code cpu.usage_percent}) or a prefix ending in {@code *} ({@code filesystem.*},
 * {@code net.*}; a lone {@code *} is everything). No parameter means every metric.
 *
 * <p>Prefixes are matched with {@code starts_with} rather than {@code LIKE}, because metric
 * names contain {@code _}, which {@code LIKE} would read as a wildcard.
 *
 * @param exact    names matched exactly
 * @param prefixes prefixes matched by {@code starts_with}; {@code ""} matches everything
 */
public record MetricFilter(List<String> exact, List<String> prefixes) {

    /** At most this many {@code metric} parameters per request. */
    static final int MAX_PATTERNS = 50;

    private static final Pattern PATTERN = Pattern.compile("[a-z0-9_.]{0,200}\\*?");

    public MetricFilter {
        exact = List.copyOf(exact);
        prefixes = List.copyOf(prefixes);
    }

    /** Every metric. */
    public static MetricFilter all() {
        return new MetricFilter(List.of(), List.of(""));
    }

    /** Metrics starting with any of {@code prefixes}. */
    public static MetricFilter prefixes(String... prefixes) {
        return new MetricFilter(List.of(), List.of(prefixes));
    }

    /**
     * The filter the {@code metric} parameters describe.
     *
     * @param patterns the parameter values; empty for every metric
     * @throws ApiProblem 400 {@code bad-metric} for a value that is not a metric name or a
     *         prefix ending in {@code *}, or more than {@value #MAX_PATTERNS} values
     */
    public static MetricFilter of(List<String> patterns) {
        if (patterns.isEmpty()) {
            return all();
        }
        if (patterns.size() > MAX_PATTERNS) {
            throw ApiProblem.badRequest("bad-metric", patterns.size() + " metric parameters, at most "
                    + MAX_PATTERNS + " are accepted");
        }
        List<String> exact = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (String pattern : patterns) {
            if (pattern.endsWith("*")) {
                prefixes.add(checked(pattern).substring(0, pattern.length() - 1));
            } else {
                exact.add(checked(pattern));
            }
        }
        return new MetricFilter(exact, prefixes);
    }

    /** Whether {@code metric} passes (the same rule the SQL applies). */
    public boolean matches(String metric) {
        return exact.contains(metric) || prefixes.stream().anyMatch(metric::startsWith);
    }

    String[] exactArray() {
        return exact.toArray(String[]::new);
    }

    String[] prefixArray() {
        return prefixes.toArray(String[]::new);
    }

    /** A single pattern as used by the multi-series query: exact name or prefix with {@code *}. */
    static String checked(String pattern) {
        if (pattern == null || pattern.isEmpty() || !PATTERN.matcher(pattern).matches()) {
            String shown = pattern != null && pattern.length() > 64 ? pattern.substring(0, 64) + "..." : pattern;
            throw ApiProblem.badRequest("bad-metric", "metric '" + shown + "' is neither a metric name"
                    + " (lower-case letters, digits, '_' and '.') nor a prefix ending in '*' like filesystem.*");
        }
        return pattern;
    }
}
