package io.secumon.agent.collect;

import io.secumon.proto.v1.MetricKind;
import java.util.Map;

/**
 * Receives the samples of one collection round. The sink, not the collector, owns the time
 * stamp, so every sample of a round shares one time and collectors stay clock-free unless
 * they compute rates. Adapts directly to
 * {@code (n, l, k, v) -> batchBuilder.add(n, l, k, v, roundTimeMs)}.
 */
@FunctionalInterface
public interface SampleSink {

    /** One sample of series (name, labels, kind). */
    void accept(String name, Map<String, String> labels, MetricKind kind, double value);

    /** A gauge sample; rates are computed in the agent and shipped as gauges. */
    default void gauge(String name, Map<String, String> labels, double value) {
        accept(name, labels, MetricKind.METRIC_KIND_GAUGE, value);
    }
}
