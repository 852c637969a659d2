package io.secumon.agent.spool;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential back-off with jitter: the n-th consecutive {@link #next()} waits
 * {@code min(max, initial * 2^n)} scaled by a random factor in {@code [1 - jitter, 1 + jitter]},
 * so many agents cut off by the same outage do not reconnect in lock-step. {@link #reset()}
 * after a success. Not thread-safe: one owner thread.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final Random random;
    private int attempt;

    /** {@code jitter} is a fraction in [0, 1); {@code random} is injected for deterministic tests. */
    public Backoff(Duration initial, Duration max, double jitter, Random random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max, was " + initial + ", " + max);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("back-off jitter must be in [0, 1), was " + jitter);
        }
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.random = random;
    }

    /** 1 s doubling to 60 s, ±20 %. */
    public static Backoff defaults(Random random) {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2, random);
    }

    /** The wait before the next attempt; each call doubles the base until {@code max}. */
    public Duration next() {
        // Cap the exponent so the shift cannot overflow during a long outage.
        long base = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt, 30));
        attempt++;
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.round(base * factor));
    }

    /** Starts again at {@code initial}. */
    public void reset() {
        attempt = 0;
    }
}
