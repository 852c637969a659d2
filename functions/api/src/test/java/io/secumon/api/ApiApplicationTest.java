package io.secumon.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

class ApiApplicationTest {

    @Test
    void start_withBadSetting_failsBeforeConnecting_namingTheVariable() {
        // Nothing listens on port 1: had migrations or the pool started first, the failure
        // would be a connection error instead.
        SpringApplicationBuilder application = new SpringApplicationBuilder(ApiApplication.class)
                .properties("SECUMON_AGENT_OFFLINE_AFTER=soon",
                        "SECUMON_DB_URL=jdbc:postgresql://127.0.0.1:1/secumon",
                        "SECUMON_API_PORT=0");

        assertThatThrownBy(() -> application.run().close())
                .rootCause()
                .hasMessage("SECUMON_AGENT_OFFLINE_AFTER (secumon.api.agent-offline-after) must be a duration like"
                        + " 30s, 5m or 1h from PT1S to PT168H, got 'soon'");
    }
}
