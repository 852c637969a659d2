package io.secumon.normalize;

/** Why normalize dropped a sample instead of passing it on; each is counted. */
public enum DropReason {
    /** NaN or an infinity: not a measurement. */
    NON_FINITE,
    /** A counter below zero: counters only count up from zero. */
    NEGATIVE_COUNTER,
    /** A metric name that cannot be made canonical (see {@link MetricNames}). */
    INVALID_NAME,
    /** The sample names a series, or the series a string, that the batch does not have. */
    DANGLING_REFERENCE;

    /** The value of the {@code reason} tag on the dropped-samples counter. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
