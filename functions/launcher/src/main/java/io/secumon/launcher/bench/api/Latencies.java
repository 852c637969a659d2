package io.secumon.launcher.bench.api;

import java.util.Arrays;

/**
 * Response times of one kind of request, kept exactly (a minute of requests is at most a few
 * hundred thousand longs), with percentiles by nearest rank: p95 is the smallest value that
 * at least 95 % of the requests did not exceed. Not thread-safe: each client keeps its own,
 * merged at the end.
 */
final class Latencies {

    private long[] nanos = new long[1024];
    private int size;
    private boolean sorted = true;

    void add(long elapsedNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = elapsedNanos;
        sorted = false;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            add(other.nanos[i]);
        }
    }

    int count() {
        return size;
    }

    /** The {@code p}th percentile (0 < p <= 100) in milliseconds; 0 when there are none. */
    double percentileMs(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], not " + p);
        }
        if (size == 0) {
            return 0;
        }
        sort();
        int rank = (int) Math.ceil(p / 100 * size);
        return nanos[Math.max(0, rank - 1)] / 1e6;
    }

    double maxMs() {
        return size == 0 ? 0 : percentileMs(100);
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(nanos, 0, size);
            sorted = true;
        }
    }
}
