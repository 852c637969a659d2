package io.secumon.api.metrics;

import io.secumon.api.problem.ApiProblem;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time span of a metrics query, from the {@code from} and {@code to} parameters.
 *
 * <p>Each is RFC 3339 ({@code 2026-11-21T08:00:00Z}, {@code 2026-11-21T09:00:00.5+01:00}),
 * {@code now}, or relative to now: a minus sign, a count and a unit of {@code s}, {@code m},
 * {@code h}, {@code d} or {@code w} ({@code -15m}, {@code -1h}, {@code -7d}; Grafana's
 * {@code now-1h} is accepted too). Both are resolved against one reading of the clock, so
 * {@code from=-1h&to=now} is exactly one hour. Defaults: the last hour.
 *
 * @param from first instant of the span, inclusive
 * @param to   last instant of the span, inclusive
 */
public record TimeRange(Instant from, Instant to) {

    /** Longest span a query may cover: longer ones would read a month of samples per series. */
    public static final Duration MAX_SPAN = Duration.ofDays(31);

    static final String DEFAULT_FROM = "-1h";
    static final String DEFAULT_TO = "now";

    private static final Pattern RELATIVE = Pattern.compile("(?:now)?-(\\d{1,9})([smhdw])");

    /**
     * Parses a span.
     *
     * @param from  the {@code from} parameter, or null for one hour ago
     * @param to    the {@code to} parameter, or null for now
     * @param clock what "now" is
     * @throws ApiProblem 400 {@code bad-time} when a time cannot be read, 400
     *         {@code bad-time-range} when {@code from} is after {@code to} or the span is
     *         longer than {@link #MAX_SPAN}
     */
    public static TimeRange parse(String from, String to, Clock clock) {
        Instant now = clock.instant();
        Instant start = parseTime("from", from == null ? DEFAULT_FROM : from, now);
        Instant end = parseTime("to", to == null ? DEFAULT_TO : to, now);
        if (start.isAfter(end)) {
            throw ApiProblem.badRequest("bad-time-range", "from (" + start + ") is after to (" + end + ")");
        }
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            throw ApiProblem.badRequest("bad-time-range", "the range from " + start + " to " + end
                    + " is longer than the " + MAX_SPAN.toDays() + " days a query may cover");
        }
        return new TimeRange(start, end);
    }

    /** How long the span is. */
    public Duration span() {
        return Duration.between(from, to);
    }

    static Instant parseTime(String name, String text, Instant now) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("now")) {
            return now;
        }
        Matcher relative = RELATIVE.matcher(value);
        if (relative.matches()) {
            try {
                return now.minus(unit(relative.group(2)).multipliedBy(Long.parseLong(relative.group(1))));
            } catch (ArithmeticException | DateTimeException e) {
                throw badTime(name, text); // further back than an Instant reaches
            }
        }
        try {
            // A '+' of an offset arrives as a space when a client does not percent-encode it.
            String rfc3339 = value.toUpperCase(Locale.ROOT).replaceFirst(" (\\d\\d:\\d\\d)$", "+$1");
            return OffsetDateTime.parse(rfc3339, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw badTime(name, text);
        }
    }

    private static Duration unit(String unit) {
        return switch (unit) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            case "w" -> Duration.ofDays(7);
            default -> throw new IllegalArgumentException(unit); // the pattern admits no other
        };
    }

    private static ApiProblem badTime(String name, String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return ApiProblem.badRequest("bad-time", name + " '" + shown + "' is not a time: use RFC 3339"
                + " (2026-11-21T08:00:00Z), now, or a relative time like -15m, -1h, -7d");
    }
}
