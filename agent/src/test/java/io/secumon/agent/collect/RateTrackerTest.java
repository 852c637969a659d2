package io.secumon.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RateTrackerTest {

    private final ManualClock clock = new ManualClock();
    private final RateTracker tracker = new RateTracker(clock);

    @Test
    void perSecond_firstObservationHasNoRate() {
        assertThat(tracker.perSecond("a", 100)).isEmpty();
    }

    @Test
    void perSecond_isGrowthOverElapsedWallTime() {
        tracker.perSecond("a", 100);
        clock.advance(Duration.ofSeconds(2));
        assertThat(tracker.perSecond("a", 300)).hasValue(100.0);
    }

    @Test
    void perSecond_counterGoingBackwardsIsAResetWithNoRateThenResumes() {
        tracker.perSecond("a", 1_000);
        clock.advance(Duration.ofSeconds(1));
        assertThat(tracker.perSecond("a", 10)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tracker.perSecond("a", 60)).hasValue(50.0);
    }

    @Test
    void observe_noElapsedTimeGivesNoChange() {
        tracker.observe("a", 1);
        assertThat(tracker.observe("a", 5)).isEmpty();
    }

    @Test
    void observe_keysAreIndependent() {
        tracker.observe("a", 1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(tracker.observe("b", 5)).isEmpty();
        assertThat(tracker.observe("a", 5)).contains(new RateTracker.Change(4, 1000));
    }

    @Test
    void retainOnly_forgottenKeyStartsOverWithNoRate() {
        tracker.observe("gone", 1);
        tracker.observe("kept", 1);
        tracker.retainOnly(Set.of("kept"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(tracker.observe("gone", 2)).isEmpty();
        assertThat(tracker.observe("kept", 2)).isPresent();
    }
}
