package io.secumon.api.metrics;

import io.secumon.api.problem.ApiProblem;
import java.time.Duration;

/**
 * How finely a range query returns a series: every stored sample, or one point per
 * 5-minute or 1-hour bucket (average, minimum and maximum of the samples in it).
 *
 * <p>{@code auto} keeps a chart at a few hundred points at most for an agent sending every
 * minute: raw up to {@link #RAW_UP_TO}, 5-minute buckets up to {@link #FIVE_MINUTES_UP_TO},
 * hourly beyond. Raw is refused for spans over {@link #RAW_LIMIT}: one request would
 * otherwise ship tens of thousands of points per series.
 */
public enum Resolution {

    RAW("raw", Duration.ZERO),
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    ONE_HOUR("1h", Duration.ofHours(1));

    static final Duration RAW_UP_TO = Duration.ofHours(2);
    static final Duration FIVE_MINUTES_UP_TO = Duration.ofDays(2);
    static final Duration RAW_LIMIT = Duration.ofDays(7);

    private final String label;
    private final Duration step;

    Resolution(String label, Duration step) {
        this.label = label;
        this.step = step;
    }

    /** The name clients use: {@code raw}, {@code 5m}, {@code 1h}. */
    public String label() {
        return label;
    }

    /** Bucket width; zero for raw. */
    public Duration step() {
        return step;
    }

    /** Whether points are bucket aggregates (with min and max) rather than samples. */
    public boolean aggregated() {
        return this != RAW;
    }

    /**
     * The resolution for a query over {@code range}.
     *
     * @param requested the {@code resolution} parameter: {@code auto} (also when null), {@code raw},
     *                  {@code 5m} or {@code 1h}
     * @throws ApiProblem 400 {@code bad-resolution} for any other value, or raw over a span
     *         longer than {@link #RAW_LIMIT}
     */
    public static Resolution choose(String requested, TimeRange range) {
        if (requested == null || requested.equals("auto")) {
            return auto(range.span());
        }
        for (Resolution resolution : values()) {
            if (resolution.label.equals(requested)) {
                if (resolution == RAW && range.span().compareTo(RAW_LIMIT) > 0) {
                    throw ApiProblem.badRequest("bad-resolution", "raw samples are available for ranges up to "
                            + RAW_LIMIT.toDays() + " days; use 5m, 1h or auto for longer ones");
                }
                return resolution;
            }
        }
        String shown = requested.length() > 32 ? requested.substring(0, 32) + "..." : requested;
        throw ApiProblem.badRequest("bad-resolution",
                "resolution '" + shown + "' is not one of auto, raw, 5m, 1h");
    }

    static Resolution auto(Duration span) {
        if (span.compareTo(RAW_UP_TO) <= 0) {
            return RAW;
        }
        return span.compareTo(FIVE_MINUTES_UP_TO) <= 0 ? FIVE_MINUTES : ONE_HOUR;
    }
}
