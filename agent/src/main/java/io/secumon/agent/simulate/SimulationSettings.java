package io.secumon.agent.simulate;

import io.secumon.agent.config.AgentConfig;
import io.secumon.agent.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code simulate} command's options, validated: errors name the option.
 *
 * @param agents      simulated agents, at least 1 ({@code --agents})
 * @param series      samples per batch, 1..10000, the edge's default batch limit ({@code --series})
 * @param interval    each agent sends one batch per interval, at least 10 ms ({@code --interval})
 * @param endpoint    the edge ingress ({@code --endpoint host:port})
 * @param credentials one enrolled {@code agent_id token} per line ({@code --credentials})
 * @param duration    how long to run; empty: until stopped ({@code --duration})
 * @param plaintext   no TLS, for local or in-cluster edges ({@code --plaintext})
 */
public record SimulationSettings(int agents, int series, Duration interval, AgentConfig.Endpoint endpoint,
                                 Path credentials, Optional<Duration> duration, boolean plaintext) {

    public static final int MAX_SERIES = 10_000;

    public SimulationSettings {
        if (agents < 1) {
            throw new ConfigException("--agents", agents + " is not a positive number");
        }
        if (series < 1 || series > MAX_SERIES) {
            throw new ConfigException("--series", series + " is not within 1.." + MAX_SERIES);
        }
        if (interval.compareTo(Duration.ofMillis(10)) < 0) {
            throw new ConfigException("--interval", interval + " is below the minimum of 10ms");
        }
        if (duration.isPresent() && (duration.get().isNegative() || duration.get().isZero())) {
            throw new ConfigException("--duration", duration.get() + " is not positive");
        }
    }

    /** Parses a count option's text; errors name {@code option}. */
    public static int count(String option, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(option, "'" + text + "' is not a number");
        }
    }
}
