package io.secumon.launcher.bench.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesByNearestRank_inMilliseconds() {
        Latencies latencies = new Latencies();
        for (int ms = 100; ms >= 1; ms--) { // out of order on purpose
            latencies.add(ms * 1_000_000L);
        }

        assertThat(latencies.count()).isEqualTo(100);
        assertThat(latencies.percentileMs(50)).isEqualTo(50.0);
        assertThat(latencies.percentileMs(95)).isEqualTo(95.0);
        assertThat(latencies.percentileMs(99)).isEqualTo(99.0);
        assertThat(latencies.maxMs()).isEqualTo(100.0);
    }

    @Test
    void fewValues_p95IsTheSlowestWhenUnder20() {
        Latencies latencies = new Latencies();
        latencies.add(1_500_000);
        latencies.add(2_500_000);
        latencies.add(40_000_000);

        assertThat(latencies.percentileMs(50)).isEqualTo(2.5);
        assertThat(latencies.percentileMs(95)).isEqualTo(40.0);
    }

    @Test
    void merged_andEmpty() {
        Latencies a = new Latencies();
        Latencies b = new Latencies();
        assertThat(a.percentileMs(95)).isZero();
        for (int i = 0; i < 3000; i++) { // past the initial capacity
            (i % 2 == 0 ? a : b).add(i * 1000L);
        }
        a.addAll(b);

        assertThat(a.count()).isEqualTo(3000);
        assertThat(a.percentileMs(100)).isEqualTo(2.999);
    }
}
