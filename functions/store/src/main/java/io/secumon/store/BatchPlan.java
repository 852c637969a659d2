package io.secumon.store;

import io.secumon.pipeline.poison.PoisonMessageException;
import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.CanonicalSeries;
import io.secumon.proto.v1.Sample;
import io.secumon.proto.v1.SampleBatch;
import java.time.Clock;
import java.util.Arrays;
import java.util.UUID;

/**
 * A {@link SampleBatch} checked once and summarised for one write: its ids parsed, which
 * series its samples use, each series' newest sample, the UTC days it spans. Building it
 * rejects a batch that can never be stored; only label sets are checked later, when
 * {@link LabelsJson} encodes them.
 *
 * @param receivedAtMs when the edge accepted the batch, or the writer's clock if unset
 * @param used         per series index: at least one stored sample refers to it
 * @param latestMs     per series index: time of its newest stored sample
 * @param latestValues per series index: value of its newest stored sample
 * @param samples      samples to store (the finite ones)
 * @param days         distinct UTC days of those samples (days since the epoch), ascending
 */
record BatchPlan(SampleBatch batch, UUID batchId, UUID tenant, UUID agent, long receivedAtMs,
                 boolean[] used, long[] latestMs, double[] latestValues, int samples, long[] days) {

    static final long MILLIS_PER_DAY = 86_400_000L;
    // Years 1970..9999: outside, timestamptz or the microsecond arithmetic of COPY would
    // fail; such a stamp is a broken clock, not late data.
    private static final long MAX_MS = 253_402_300_799_999L;

    /** @throws PoisonMessageException when the batch can never be stored */
    static BatchPlan of(SampleBatch batch, Clock clock) {
        UUID batchId = uuid(batch.getBatchId(), "batch_id");
        UUID tenant = uuid(batch.getTenantId(), "tenant_id");
        UUID agent = uuid(batch.getAgentId(), "agent_id");
        if (batch.hasAgent()) {
            checkIdentity(batch.getAgent());
        }
        int seriesCount = batch.getSeriesCount();
        boolean[] used = new boolean[seriesCount];
        long[] latestMs = new long[seriesCount];
        double[] latestValues = new double[seriesCount];
        long[] days = new long[2];
        int dayCount = 0;
        long lastDay = Long.MIN_VALUE;
        int samples = 0;
        long base = batch.getBaseTimeUnixMs();
        for (int i = 0, n = batch.getSamplesCount(); i < n; i++) {
            Sample sample = batch.getSamples(i);
            int series = sample.getSeries();
            if (series < 0 || series >= seriesCount) {
                throw new PoisonMessageException("batch " + batchId + ": sample " + i + " refers to series "
                        + Integer.toUnsignedString(series) + " of " + seriesCount);
            }
            double value = sample.getValue();
            if (!Double.isFinite(value)) {
                continue; // normalize drops these already; never let one poison a batch
            }
            long ms = base + sample.getOffsetMs();
            if (ms < 0 || ms > MAX_MS) {
                throw new PoisonMessageException("batch " + batchId + ": sample " + i + " at " + ms
                        + " ms is outside years 1970..9999");
            }
            if (!used[series] || ms >= latestMs[series]) {
                used[series] = true;
                latestMs[series] = ms;
                latestValues[series] = value;
            }
            long day = ms / MILLIS_PER_DAY;
            if (day != lastDay) {
                lastDay = day;
                if (indexOf(days, dayCount, day) < 0) {
                    days = dayCount == days.length ? Arrays.copyOf(days, dayCount * 2) : days;
                    days[dayCount++] = day;
                }
            }
            samples++;
        }
        for (int s = 0; s < seriesCount; s++) {
            if (used[s]) {
                checkMetric(batch.getSeries(s), batchId);
            }
        }
        days = Arrays.copyOf(days, dayCount);
        Arrays.sort(days);
        long receivedAt = batch.getReceivedAtUnixMs() > 0 ? batch.getReceivedAtUnixMs() : clock.millis();
        return new BatchPlan(batch, batchId, tenant, agent, receivedAt, used, latestMs, latestValues, samples, days);
    }

    private static int indexOf(long[] values, int count, long value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static UUID uuid(String value, String field) {
        // UUID.fromString accepts short forms like "1-2-3-4-5"; the contract is RFC 4122 text.
        if (value.length() != 36) {
            throw new PoisonMessageException(field + " is not a UUID: '" + value + "'");
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException(field + " is not a UUID: '" + value + "'", e);
        }
    }

    private static void checkMetric(CanonicalSeries series, UUID batchId) {
        if (series.getMetric().isEmpty()) {
            throw new PoisonMessageException("batch " + batchId + ": a series has no metric name");
        }
        requireNoNul(series.getMetric(), "metric name");
    }

    private static void checkIdentity(AgentIdentity identity) {
        requireNoNul(identity.getHostname(), "hostname");
        requireNoNul(identity.getOs(), "os");
        requireNoNul(identity.getOsVersion(), "os_version");
        requireNoNul(identity.getArch(), "arch");
        requireNoNul(identity.getAgentVersion(), "agent_version");
        identity.getIpAddressesList().forEach(ip -> requireNoNul(ip, "ip address"));
        // Labels are checked by LabelsJson when encoded.
    }

    // PostgreSQL text cannot hold U+0000: such a batch would fail on every attempt.
    private static void requireNoNul(String value, String what) {
        if (value.indexOf('\0') >= 0) {
            throw new PoisonMessageException(what + " contains a NUL character");
        }
    }
}
