package io.secumon.normalize;

import io.secumon.proto.v1.SampleBatch;
import java.util.Map;

/**
 * What normalize made of one raw batch: the canonical batch to publish, and how many
 * samples it dropped for each reason.
 */
public record Normalized(SampleBatch batch, Map<DropReason, Integer> dropped) {

    public Normalized {
        dropped = Map.copyOf(dropped);
    }
}
