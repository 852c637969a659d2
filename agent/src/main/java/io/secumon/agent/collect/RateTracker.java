package io.secumon.agent.collect;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Turns monotonic counters into per-interval changes, keyed by series.
 *
 * <p>The one rule for every rate the agent emits: the first observation of a key yields
 * nothing; a counter that went backwards (device re-added, counter wrapped, reboot) yields
 * nothing for that interval and restarts from the new value, so a rate is never negative
 * nor a huge spike; an interval of zero or negative wall time also yields nothing.
 * Not thread-safe: one tracker per collector.
 */
public final class RateTracker {

    /** How much a counter grew over how many milliseconds of wall time. */
    public record Change(long delta, long elapsedMillis) {

        /** The growth per second of wall time. */
        public double perSecond() {
            return delta * 1000.0 / elapsedMillis;
        }
    }

    private record Point(long value, long atMillis) {
    }

    private final Clock clock;
    private final Map<String, Point> last = new HashMap<>();

    /** @param clock the source of elapsed time; injected so tests control it */
    public RateTracker(Clock clock) {
        this.clock = clock;
    }

    /** Records {@code value} for {@code key} now; the change since the last record, if valid. */
    public Optional<Change> observe(String key, long value) {
        long now = clock.millis();
        Point previous = last.put(key, new Point(value, now));
        if (previous == null || value < previous.value() || now <= previous.atMillis()) {
            return Optional.empty();
        }
        return Optional.of(new Change(value - previous.value(), now - previous.atMillis()));
    }

    /** Records {@code value} for {@code key} now; its growth per second, if valid. */
    public OptionalDouble perSecond(String key, long value) {
        return observe(key, value).map(c -> OptionalDouble.of(c.perSecond())).orElse(OptionalDouble.empty());
    }

    /**
     * Records {@code counter} for the series ({@code metric}, {@code instance}) and sends its
     * growth per second to {@code sink} as a gauge with {@code labels}, when there is one.
     */
    public void gaugePerSecond(SampleSink sink, String metric, Map<String, String> labels, String instance,
                               long counter) {
        perSecond(instance + '|' + metric, counter).ifPresent(v -> sink.gauge(metric, labels, v));
    }

    /** Forgets every key not in {@code live}, so series that vanished (dead pids) free memory. */
    public void retainOnly(Set<String> live) {
        last.keySet().retainAll(live);
    }
}
