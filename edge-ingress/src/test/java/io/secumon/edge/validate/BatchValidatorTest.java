package io.secumon.edge.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.Sample;
import io.secumon.proto.v1.Series;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BatchValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final UUID AGENT = UUID.fromString("0b6f7c1e-3c1d-4f7e-9a51-5d2a8e0c4b11");
    private static final String BATCH = "6a1c2f0e-8d4b-4e2a-b9c7-1f3e5d7a9b20";

    private final BatchValidator validator =
            new BatchValidator(3, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

    private static MetricBatch.Builder valid() {
        return MetricBatch.newBuilder()
                .setBatchId(BATCH)
                .setAgent(AgentIdentity.newBuilder().setAgentId(AGENT.toString()).setHostname("web-1"))
                .setSequence(7)
                .addStrings("").addStrings("cpu.usage_percent").addStrings("core").addStrings("0")
                .addSeries(Series.newBuilder().setName(1).addLabels(2).addLabels(3))
                .addSamples(Sample.newBuilder().setSeries(0).setValue(12.5))
                .addSamples(Sample.newBuilder().setSeries(0).setValue(13.0).setOffsetMs(-10_000))
                .setBaseTimeUnixMs(NOW.toEpochMilli());
    }

    private Rejection rejected(MetricBatch.Builder batch) {
        return validator.check(batch.build(), AGENT).orElseThrow(() -> new AssertionError("accepted"));
    }

    @Test
    void check_acceptsWellFormedBatch() {
        assertThat(validator.check(valid().build(), AGENT)).isEmpty();
    }

    @Test
    void check_acceptsAgentIdInUpperCase() {
        assertThat(validator.check(valid().setAgent(AgentIdentity.newBuilder()
                .setAgentId(AGENT.toString().toUpperCase())).build(), AGENT)).isEmpty();
    }

    @Test
    void check_rejectsBatchIdThatIsNotAUuid() {
        assertThat(rejected(valid().setBatchId("1-2-3-4-5")))
                .satisfies(r -> assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID))
                .satisfies(r -> assertThat(r.message()).contains("'1-2-3-4-5'", "batch_id"));
    }

    @Test
    void check_rejectsMissingAgent() {
        assertThat(rejected(valid().clearAgent()).reason()).isEqualTo("missing_agent");
    }

    @Test
    void check_forbidsBatchOfAnotherAgent() {
        Rejection rejection = rejected(valid().setAgent(AgentIdentity.newBuilder().setAgentId(UUID.randomUUID().toString())));

        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.FORBIDDEN);
        assertThat(rejection.message()).contains(BATCH, "not the agent");
    }

    @Test
    void check_rejectsBatchOverLimit_sayingTheLimit() {
        Rejection rejection = rejected(valid().addSamples(Sample.newBuilder()).addSamples(Sample.newBuilder()));

        assertThat(rejection.reason()).isEqualTo("too_many_samples");
        assertThat(rejection.message()).contains(BATCH, "4 samples", "limit of 3");
    }

    @Test
    void check_rejectsBatchWithoutSamples() {
        assertThat(rejected(valid().clearSamples()).reason()).isEqualTo("no_samples");
    }

    @Test
    void check_rejectsNonPositiveBaseTime() {
        assertThat(rejected(valid().setBaseTimeUnixMs(0)).reason()).isEqualTo("bad_base_time");
    }

    @Test
    void check_rejectsSeriesNameOutsideStrings() {
        assertThat(rejected(valid().setSeries(0, Series.newBuilder().setName(4))).message())
                .contains(BATCH, "series 0 names string 4");
    }

    @Test
    void check_rejectsOddLabelCount() {
        assertThat(rejected(valid().setSeries(0, Series.newBuilder().setName(1).addLabels(2))).message())
                .contains("odd number of label");
    }

    @Test
    void check_rejectsLabelOutsideStrings() {
        assertThat(rejected(valid().setSeries(0, Series.newBuilder().setName(1).addLabels(2).addLabels(99))).reason())
                .isEqualTo("bad_series");
    }

    @Test
    void check_rejectsSampleOfUnknownSeries() {
        assertThat(rejected(valid().setSamples(1, Sample.newBuilder().setSeries(1))).message())
                .contains(BATCH, "sample 1 refers to series 1");
    }

    @Test
    void check_rejectsSampleFarInTheFuture() {
        Rejection rejection = rejected(valid().setSamples(1, Sample.newBuilder().setOffsetMs(Duration.ofMinutes(6).toMillis())));

        assertThat(rejection.reason()).isEqualTo("future_timestamp");
        assertThat(rejection.message()).contains(BATCH, "sample 1", "2026-11-21T12:06:00Z");
    }

    @Test
    void check_acceptsSampleWithinSkew() {
        assertThat(validator.check(valid().setSamples(1, Sample.newBuilder()
                .setOffsetMs(Duration.ofMinutes(5).toMillis())).build(), AGENT)).isEmpty();
    }

    @Test
    void check_rejectsOverflowingSampleTime() {
        assertThat(rejected(valid().setSamples(1, Sample.newBuilder().setOffsetMs(Long.MAX_VALUE))).reason())
                .isEqualTo("bad_sample");
    }
}
