package io.secumon.api.metrics;

import java.time.Instant;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One point of a series in a range: a stored sample, or the aggregate of a bucket.
 *
 * @param timestamp when the sample was taken, or where the bucket starts
 * @param value     the sample's value, or the average of the bucket
 * @param min       smallest sample in the bucket; absent for raw samples
 * @param max       largest sample in the bucket; absent for raw samples
 */
@JsonSerialize(using = PointJson.class)
public record Point(Instant timestamp, double value, Double min, Double max) {
}
