package io.secumon.normalize;

import java.util.Locale;

/**
 * Canonical spelling of metric names and label keys.
 *
 * <p>Metric names are lower-case and dotted, each segment {@code [a-z0-9_]}, starting with a
 * letter, and carry their unit as the last word ({@code cpu.usage_percent},
 * {@code disk.used_bytes}). Agents of other vendors spell names differently, so: case is
 * folded, {@code %} becomes {@code _percent}, separators such as {@code / - : space} become
 * {@code _}, repeated or edge dots and underscores are dropped. A name that is still not
 * valid afterwards (empty, starting with a digit, over {@value #MAX_LENGTH} characters)
 * yields {@code null}: the caller drops its samples and counts them.
 */
final class MetricNames {

    static final int MAX_LENGTH = 200;

    private MetricNames() {
    }

    /** The canonical metric name, or {@code null} when {@code raw} cannot be made one. */
    static String metric(String raw) {
        String name = fold(raw.replace("%", "_percent"), true);
        if (name.isEmpty() || name.length() > MAX_LENGTH || !Character.isLetter(name.charAt(0))) {
            return null;
        }
        return name;
    }

    /** The canonical label key ({@code [a-z0-9_]}, no dots), or {@code null} when empty. */
    static String labelKey(String raw) {
        String key = fold(raw, false);
        return key.isEmpty() || key.length() > MAX_LENGTH ? null : key;
    }

    /**
     * Lower-cases and maps every character outside {@code [a-z0-9_.]} (dots only when
     * {@code dotted}) to {@code _}, then collapses runs of separators and trims them.
     */
    private static String fold(String raw, boolean dotted) {
        String lower = raw.strip().toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        char previous = '.';
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            char mapped = plain ? c : (c == '.' && dotted) ? '.' : '_';
            if (!plain && (previous == '.' || previous == '_')) {
                // A separator after a separator: keep the stronger one (a dot).
                if (mapped == '.' && previous == '_') {
                    out.setCharAt(out.length() - 1, '.');
                    previous = '.';
                }
                continue;
            }
            out.append(mapped);
            previous = mapped;
        }
        int end = out.length();
        while (end > 0 && (out.charAt(end - 1) == '.' || out.charAt(end - 1) == '_')) {
            end--;
        }
        return out.substring(0, end);
    }
}
