package io.secumon.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

class StoreApplicationTest {

    @Test
    void start_withBadSetting_failsBeforeConnecting_namingTheVariable() {
        // Nothing listens on port 1: had the pool, Flyway or the binder started first, the
        // failure would be a connection error instead.
        SpringApplicationBuilder application = new SpringApplicationBuilder(StoreApplication.class)
                .web(WebApplicationType.NONE)
                .properties("SECUMON_STORE_CONCURRENCY=many",
                        "SECUMON_DB_URL=jdbc:postgresql://127.0.0.1:1/secumon",
                        "SECUMON_RABBIT_URI=amqp://127.0.0.1:1");

        assertThatThrownBy(() -> application.run().close())
                .rootCause()
                .hasMessage("SECUMON_STORE_CONCURRENCY (secumon.store.concurrency) must be an integer from 1 to 64,"
                        + " got 'many'");
    }
}
