package io.secumon.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopOrderTest {

    private final List<String> closed = new ArrayList<>();
    private final StopOrder order = new StopOrder(new PrintStream(new ByteArrayOutputStream()));

    @Test
    void stopAll_stopsNewestFirst_evenWhenOneFails() {
        order.started("database", () -> closed.add("database"));
        order.started("api", () -> {
            closed.add("api");
            throw new IllegalStateException("boom");
        });
        order.started("agent", () -> closed.add("agent"));

        order.stopAll();
        order.stopAll();

        assertThat(closed).containsExactly("agent", "api", "database");
    }

    @Test
    void partStartedWhileStopping_isStoppedAtOnce() {
        order.stopAll();

        assertThatThrownBy(() -> order.started("late", () -> closed.add("late")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(closed).containsExactly("late");
    }
}
