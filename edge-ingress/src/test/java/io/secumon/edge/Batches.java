package io.secumon.edge;

import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.Sample;
import io.secumon.proto.v1.Series;
import java.util.UUID;

/** Batches as an agent would send them, for tests. */
public final class Batches {

    private Batches() {
    }

    /** A valid batch of {@code samples} samples of one series, timed now, from {@code agentId}. */
    public static MetricBatch.Builder valid(UUID agentId, int samples) {
        MetricBatch.Builder batch = MetricBatch.newBuilder()
                .setBatchId(UUID.randomUUID().toString())
                .setAgent(AgentIdentity.newBuilder().setAgentId(agentId.toString()).setHostname("test-host"))
                .setSequence(1)
                .addStrings("").addStrings("cpu.usage_percent").addStrings("core").addStrings("0")
                .addSeries(Series.newBuilder().setName(1).addLabels(2).addLabels(3))
                .setBaseTimeUnixMs(System.currentTimeMillis());
        for (int i = 0; i < samples; i++) {
            batch.addSamples(Sample.newBuilder().setSeries(0).setValue(i).setOffsetMs(-i));
        }
        return batch;
    }
}
