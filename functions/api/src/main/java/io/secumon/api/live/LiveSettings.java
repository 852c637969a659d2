package io.secumon.api.live;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.springframework.format.annotation.DurationFormat;
import org.springframework.format.datetime.standard.DurationFormatterUtils;

/**
 * Configuration of live metrics, checked at start-up.
 *
 * @param pingInterval how often the server pings every WebSocket client
 *                     ({@code SECUMON_API_WS_PING_INTERVAL}, default {@code 30s}; {@code 500ms},
 *                     {@code 1m} or a bare number of seconds; from 100 ms to 1 hour). Proxies and
 *                     load balancers close connections idle for about a minute, and a client
 *                     that vanished without closing is noticed when a ping cannot be written.
 */
public record LiveSettings(Duration pingInterval) {

    static final String PING_INTERVAL = "SECUMON_API_WS_PING_INTERVAL";
    static final String PING_INTERVAL_PROPERTY = "secumon.api.ws-ping-interval";
    static final String DEFAULT_PING_INTERVAL = "30s";

    private static final Duration MIN_PING = Duration.ofMillis(100);
    private static final Duration MAX_PING = Duration.ofHours(1);

    /**
     * Reads and checks the settings.
     *
     * @param property resolves a property (or environment variable) name to its value, or null
     * @throws IllegalArgumentException naming the environment variable of a bad setting
     */
    public static LiveSettings from(UnaryOperator<String> property) {
        String value = property.apply(PING_INTERVAL_PROPERTY);
        if (value == null || value.isBlank()) {
            value = property.apply(PING_INTERVAL);
        }
        if (value == null || value.isBlank()) {
            value = DEFAULT_PING_INTERVAL;
        }
        Duration ping;
        try {
            ping = DurationFormatterUtils.detectAndParse(value.trim(), DurationFormat.Unit.SECONDS);
        } catch (IllegalArgumentException e) {
            ping = null;
        }
        if (ping == null || ping.compareTo(MIN_PING) < 0 || ping.compareTo(MAX_PING) > 0) {
            throw new IllegalArgumentException(PING_INTERVAL + " (" + PING_INTERVAL_PROPERTY
                    + ") must be a duration from 100ms to 1h like 30s, got '" + value + "'");
        }
        return new LiveSettings(ping);
    }
}
