package io.secumon.store;

/**
 * What {@link SampleWriter#write} did with one batch.
 *
 * @param outcome       whether the batch was stored now or had been stored before
 * @param samples       samples written now (0 for a duplicate; non-finite values are skipped)
 * @param seriesCreated series rows this batch added to the dictionary
 */
public record WriteResult(Outcome outcome, int samples, int seriesCreated) {

    /** Whether a batch was new. */
    public enum Outcome {
        /** Committed now: samples, latest values and agent presence were written. */
        STORED,
        /** Its batch id was already stored (a redelivery): nothing was written. */
        DUPLICATE
    }

    static WriteResult stored(int samples, int seriesCreated) {
        return new WriteResult(Outcome.STORED, samples, seriesCreated);
    }

    static WriteResult duplicate() {
        return new WriteResult(Outcome.DUPLICATE, 0, 0);
    }
}
