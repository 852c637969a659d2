package io.secumon.edge.validate;

import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.Sample;
import io.secumon.proto.v1.Series;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Decides whether a {@link MetricBatch} may enter the pipeline: everything downstream
 * trusts what passes here (indexes resolve, times are sane, the batch speaks for the agent
 * that authenticated). Framework-free; the clock is injected so tests pin "now".
 */
public final class BatchValidator {

    /** RFC 4122 text form only: {@link UUID#fromString} alone also accepts "1-2-3-4-5". */
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int ECHO_LIMIT = 64;

    private final int maxSamples;
    private final Duration maxFutureSkew;
    private final Clock clock;

    /**
     * @param maxSamples    most samples one batch may carry
     * @param maxFutureSkew how far past {@code clock}'s now a sample's time may lie
     */
    public BatchValidator(int maxSamples, Duration maxFutureSkew, Clock clock) {
        this.maxSamples = maxSamples;
        this.maxFutureSkew = maxFutureSkew;
        this.clock = clock;
    }

    /**
     * Checks {@code batch} sent by the agent whose token was verified as {@code agentId}.
     *
     * @return empty when the batch is acceptable, else its first problem
     */
    public Optional<Rejection> check(MetricBatch batch, UUID agentId) {
        String id = batch.getBatchId();
        if (!isUuid(id)) {
            return invalid("bad_batch_id", "batch '" + echo(id) + "': batch_id is not a UUID");
        }
        if (!batch.hasAgent()) {
            return invalid("missing_agent", "batch " + id + ": agent is required");
        }
        String agent = batch.getAgent().getAgentId();
        if (!isUuid(agent)) {
            return invalid("bad_agent_id", "batch " + id + ": agent.agent_id '" + echo(agent) + "' is not a UUID");
        }
        if (!UUID.fromString(agent).equals(agentId)) {
            return Optional.of(new Rejection(Rejection.Kind.FORBIDDEN, "agent_mismatch",
                    "batch " + id + ": agent.agent_id " + agent + " is not the agent this token belongs to"));
        }
        int samples = batch.getSamplesCount();
        if (samples == 0) {
            return invalid("no_samples", "batch " + id + ": has no samples (at least one is required)");
        }
        if (samples > maxSamples) {
            return invalid("too_many_samples", "batch " + id + ": " + samples
                    + " samples exceed the limit of " + maxSamples + " per batch; split it");
        }
        if (batch.getBaseTimeUnixMs() <= 0) {
            return invalid("bad_base_time", "batch " + id + ": base_time_unix_ms must be positive, is "
                    + batch.getBaseTimeUnixMs());
        }
        return checkSeries(batch).or(() -> checkSamples(batch));
    }

    private Optional<Rejection> checkSeries(MetricBatch batch) {
        int strings = batch.getStringsCount();
        for (int i = 0; i < batch.getSeriesCount(); i++) {
            Series series = batch.getSeries(i);
            if (Integer.toUnsignedLong(series.getName()) >= strings) {
                return invalid("bad_series", "batch " + batch.getBatchId() + ": series " + i + " names string "
                        + Integer.toUnsignedString(series.getName()) + " but strings has " + strings);
            }
            if (series.getLabelsCount() % 2 != 0) {
                return invalid("bad_series", "batch " + batch.getBatchId() + ": series " + i
                        + " has an odd number of label indexes (key, value pairs expected)");
            }
            for (int j = 0; j < series.getLabelsCount(); j++) {
                if (Integer.toUnsignedLong(series.getLabels(j)) >= strings) {
                    return invalid("bad_series", "batch " + batch.getBatchId() + ": series " + i + " label index "
                            + Integer.toUnsignedString(series.getLabels(j)) + " is outside strings (" + strings + ")");
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Rejection> checkSamples(MetricBatch batch) {
        int seriesCount = batch.getSeriesCount();
        long base = batch.getBaseTimeUnixMs();
        long latest = clock.millis() + maxFutureSkew.toMillis();
        for (int i = 0; i < batch.getSamplesCount(); i++) {
            Sample sample = batch.getSamples(i);
            if (Integer.toUnsignedLong(sample.getSeries()) >= seriesCount) {
                return invalid("bad_sample", "batch " + batch.getBatchId() + ": sample " + i + " refers to series "
                        + Integer.toUnsignedString(sample.getSeries()) + " but the batch has " + seriesCount);
            }
            long time;
            try {
                time = Math.addExact(base, sample.getOffsetMs());
            } catch (ArithmeticException e) {
                return invalid("bad_sample", "batch " + batch.getBatchId() + ": sample " + i + " time overflows");
            }
            if (time > latest) {
                return invalid("future_timestamp", "batch " + batch.getBatchId() + ": sample " + i + " at "
                        + Instant.ofEpochMilli(time) + " is more than " + maxFutureSkew + " ahead of the edge's clock");
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> invalid(String reason, String message) {
        return Optional.of(new Rejection(Rejection.Kind.INVALID, reason, message));
    }

    private static boolean isUuid(String text) {
        return text.length() == 36 && UUID_TEXT.matcher(text).matches();
    }

    /** Client-supplied text quoted in errors is cut short: errors must stay readable. */
    private static String echo(String text) {
        return text.length() <= ECHO_LIMIT ? text : text.substring(0, ECHO_LIMIT) + "...";
    }
}
