package io.secumon.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.agent.ship.FakeEdge;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.Sample;
import io.secumon.proto.v1.Series;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator against a real gRPC server on localhost that acks every batch. */
class SimulatorTest {

    private final FakeEdge edge = new FakeEdge();

    SimulatorTest() throws Exception {
    }

    @AfterEach
    void stop() throws InterruptedException {
        edge.close();
    }

    private static List<Simulator.Agent> agents(int n) {
        List<Simulator.Agent> agents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            agents.add(new Simulator.Agent("0000000" + i + "-agent", "smt_token" + i));
        }
        return agents;
    }

    @Test
    void pace_sendsEachAgentsSeriesOncePerInterval_withIncreasingSequences_andCountsTheAcks() throws Exception {
        Simulator simulator = new Simulator("127.0.0.1", edge.port(), true, Clock.systemUTC());

        simulator.pace(agents(3), new Simulator.Pace(5, Duration.ofMillis(200)), Optional.of(Duration.ofSeconds(1)));

        assertThat(edge.batchesByAgent).hasSize(3);
        edge.batchesByAgent.forEach((agent, batches) -> {
            // 1 s at 200 ms is 5 ticks (6 with the one at the start); a loaded machine may drift by one.
            assertThat(batches).as(agent).hasSizeBetween(4, 6);
            assertThat(batches).allSatisfy(batch -> {
                assertThat(batch.getSamplesCount()).isEqualTo(5);
                assertThat(seriesOf(batch)).containsExactlyInAnyOrder(
                        "sim.value_units{series=0}", "sim.value_units{series=1}", "sim.value_units{series=2}",
                        "sim.value_units{series=3}", "sim.value_units{series=4}");
                assertThat(batch.getSamplesList()).extracting(Sample::getValue)
                        .allSatisfy(v -> assertThat(v).isBetween(0.0, 100.0));
            });
            assertThat(batches).extracting(MetricBatch::getSequence)
                    .isSortedAccordingTo(Long::compare).doesNotHaveDuplicates().startsWith(1L);
            assertThat(batches.getFirst().getAgent().getHostname()).startsWith("sim-");
        });
        assertThat(simulator.acked()).isEqualTo(edge.batchCount());
        assertThat(simulator.samplesAcked()).isEqualTo(edge.batchCount() * 5);
        assertThat(simulator.failed()).isZero();
        assertThat(Set.copyOf(edge.authorizations))
                .containsExactlyInAnyOrder("Bearer smt_token0", "Bearer smt_token1", "Bearer smt_token2");
    }

    @Test
    void pace_valuesVaryFromBatchToBatch() throws Exception {
        Simulator simulator = new Simulator("127.0.0.1", edge.port(), true, Clock.systemUTC());

        simulator.pace(agents(1), new Simulator.Pace(1, Duration.ofMillis(20)), Optional.of(Duration.ofMillis(400)));

        Set<Double> values = edge.batchesByAgent.values().iterator().next().stream()
                .map(b -> b.getSamples(0).getValue()).collect(Collectors.toSet());
        assertThat(values).hasSizeGreaterThan(3);
    }

    @Test
    void pace_endsWhenStopped() throws Exception {
        Simulator simulator = new Simulator("127.0.0.1", edge.port(), true, Clock.systemUTC());
        Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            simulator.stop();
        });

        long started = System.nanoTime();
        simulator.pace(agents(2), new Simulator.Pace(2, Duration.ofMillis(50)), Optional.empty());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(simulator.acked()).isPositive().isEqualTo(edge.batchCount());
    }

    @Test
    void pace_countsBatchesFailed_whenNoEdgeListens() throws Exception {
        int port = edge.port();
        edge.close();
        Simulator simulator = new Simulator("127.0.0.1", port, true, Clock.systemUTC());

        simulator.pace(agents(1), new Simulator.Pace(2, Duration.ofMillis(50)), Optional.of(Duration.ofMillis(500)));

        assertThat(simulator.acked()).isZero();
        assertThat(simulator.failed()).isPositive();
    }

    @Test
    void flood_pushesEveryPlannedBatch_withValuesNoOtherSampleHas() throws Exception {
        Simulator simulator = new Simulator("127.0.0.1", edge.port(), true, Clock.systemUTC());

        simulator.flood(agents(2), new Simulator.Plan(10, 150, 4, 1_000));

        assertThat(simulator.acked()).isEqualTo(20);
        assertThat(simulator.pushedAtMs()).hasSize(20);
        List<Double> values = edge.batchesByAgent.values().stream().flatMap(List::stream)
                .flatMap(b -> b.getSamplesList().stream()).map(Sample::getValue).toList();
        assertThat(values).hasSize(3_000).doesNotHaveDuplicates()
                .allSatisfy(v -> assertThat(v).isBetween(1_000.0, 3_999.0));
    }

    private static List<String> seriesOf(MetricBatch batch) {
        List<String> out = new ArrayList<>();
        for (Sample sample : batch.getSamplesList()) {
            Series series = batch.getSeries(sample.getSeries());
            StringBuilder text = new StringBuilder(batch.getStrings(series.getName())).append('{');
            for (int i = 0; i < series.getLabelsCount(); i += 2) {
                text.append(batch.getStrings(series.getLabels(i))).append('=')
                        .append(batch.getStrings(series.getLabels(i + 1)));
            }
            out.add(text.append('}').toString());
        }
        return out;
    }
}
