package io.secumon.agent.collect;

import io.secumon.proto.v1.MetricKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A sink that keeps every sample, for assertions. */
public final class RecordingSink implements SampleSink {

    /** One recorded sample. */
    public record Recorded(String name, Map<String, String> labels, MetricKind kind, double value) {
    }

    private final List<Recorded> samples = new ArrayList<>();

    @Override
    public void accept(String name, Map<String, String> labels, MetricKind kind, double value) {
        samples.add(new Recorded(name, Map.copyOf(labels), kind, value));
    }

    public List<Recorded> samples() {
        return samples;
    }

    public List<String> names() {
        return samples.stream().map(Recorded::name).distinct().toList();
    }

    /** The value of series (name, labels), if it was reported. */
    public Optional<Double> value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .map(Recorded::value).findFirst();
    }

    public List<Recorded> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }
}
