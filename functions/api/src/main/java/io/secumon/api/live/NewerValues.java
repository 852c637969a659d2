package io.secumon.api.live;

import io.secumon.api.metrics.LatestValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one WebSocket session has sent, per series, so that it sends each value once and
 * never an older value after a newer one (its first snapshot and the shared feed race).
 * Not thread-safe: a session's messages are produced one at a time.
 */
final class NewerValues {

    private final Map<String, Instant> sent = new HashMap<>();

    /** The values of {@code latest} newer than what was sent for their series; remembers them as sent. */
    List<LatestValue> retain(List<LatestValue> latest) {
        List<LatestValue> newer = new ArrayList<>();
        for (LatestValue value : latest) {
            String series = LiveMessages.seriesKey(value);
            Instant previous = sent.get(series);
            if (previous == null || value.timestamp().isAfter(previous)) {
                sent.put(series, value.timestamp());
                newer.add(value);
            }
        }
        return newer;
    }
}
