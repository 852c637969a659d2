package io.secumon.api.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LiveSettingsTest {

    @Test
    void from_defaultsToPingingEvery30Seconds() {
        assertThat(LiveSettings.from(name -> null).pingInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void from_readsTheEnvironmentVariableOrTheProperty() {
        assertThat(LiveSettings.from(Map.of("SECUMON_API_WS_PING_INTERVAL", "500ms")::get).pingInterval())
                .isEqualTo(Duration.ofMillis(500));
        assertThat(LiveSettings.from(Map.of("secumon.api.ws-ping-interval", "1m")::get).pingInterval())
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(LiveSettings.from(Map.of("SECUMON_API_WS_PING_INTERVAL", "45")::get).pingInterval())
                .isEqualTo(Duration.ofSeconds(45));
    }

    @ParameterizedTest
    @ValueSource(strings = {"often", "0s", "50ms", "2h", "-5s"})
    void from_rejectsBadIntervalsNamingTheVariable(String value) {
        assertThatThrownBy(() -> LiveSettings.from(Map.of("SECUMON_API_WS_PING_INTERVAL", value)::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SECUMON_API_WS_PING_INTERVAL")
                .hasMessageContaining(value);
    }
}
