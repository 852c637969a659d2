package io.secumon.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static List<Long> waits(Backoff backoff, int count) {
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            waits.add(backoff.next().toMillis());
        }
        return waits;
    }

    @Test
    void next_doublesFromOneSecondToSixtySeconds_withinTwentyPercentJitter() {
        List<Long> waits = waits(Backoff.defaults(new Random(42)), 10);
        long[] bases = {1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000};

        for (int i = 0; i < bases.length; i++) {
            assertThat(waits.get(i)).isBetween(Math.round(bases[i] * 0.8), Math.round(bases[i] * 1.2));
        }
        // Jittered: the capped waits are not all the same.
        assertThat(waits.subList(6, 10)).doesNotHaveDuplicates();
    }

    @Test
    void next_isDeterministicForASeed_andDiffersAcrossSeeds() {
        assertThat(waits(Backoff.defaults(new Random(7)), 6)).isEqualTo(waits(Backoff.defaults(new Random(7)), 6));
        assertThat(waits(Backoff.defaults(new Random(7)), 6)).isNotEqualTo(waits(Backoff.defaults(new Random(8)), 6));
    }

    @Test
    void reset_startsAgainAtTheInitialWait() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 0, new Random(1));
        waits(backoff, 5);
        backoff.reset();

        assertThat(waits(backoff, 3)).containsExactly(100L, 200L, 400L);
    }

    @Test
    void next_neverOverflows_duringAVeryLongOutage() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0, new Random(1));

        assertThat(waits(backoff, 200)).last().isEqualTo(60_000L);
    }

    @Test
    void constructor_rejectsJitterOutsideZeroToOne() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.5, new Random()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
    }
}
