package io.secumon.api.metrics;

import java.time.Instant;
import java.util.Map;

/**
 * The newest stored sample of one series.
 *
 * @param metric    canonical metric name
 * @param labels    the series' labels, sorted by key
 * @param value     the sample's value
 * @param timestamp when the sample was taken
 */
public record LatestValue(String metric, Map<String, String> labels, double value, Instant timestamp) {
}
