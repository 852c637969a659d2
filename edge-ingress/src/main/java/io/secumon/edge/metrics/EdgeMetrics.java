package io.secumon.edge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * The edge's per-message counters (DESIGN.md §5.11: logs for lifecycle, metrics for
 * volume). Reasons are short fixed tokens, never free text, so the series stay few.
 */
public final class EdgeMetrics {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter samples;

    /** A Prometheus registry with the JVM's own meters (memory, threads, CPU, uptime) bound. */
    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List.of(new JvmMemoryMetrics(), new JvmThreadMetrics(), new ProcessorMetrics(), new UptimeMetrics())
                .forEach(binder -> binder.bindTo(registry));
        return registry;
    }

    public EdgeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("secumon.edge.batches.accepted")
                .description("Batches confirmed by RabbitMQ and acknowledged to the agent")
                .register(registry);
        this.samples = Counter.builder("secumon.edge.samples.accepted")
                .description("Samples in accepted batches")
                .register(registry);
    }

    /** A batch was confirmed by the broker (whether or not its stream was still there to hear the ack). */
    public void batchAccepted(int sampleCount) {
        accepted.increment();
        samples.increment(sampleCount);
    }

    /** A batch failed validation; {@code reason} is a token such as {@code too_many_samples}. */
    public void batchRejected(String reason) {
        Counter.builder("secumon.edge.batches.rejected")
                .description("Batches refused by validation, by reason")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** A publish was not confirmed; {@code reason} is a token such as {@code no_route}. */
    public void publishFailed(String reason) {
        Counter.builder("secumon.edge.publish.failures")
                .description("Publishes RabbitMQ did not confirm, by reason")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** A call was refused before reaching the service; {@code reason} such as {@code unknown_token}. */
    public void authFailed(String reason) {
        Counter.builder("secumon.edge.auth.failures")
                .description("Calls refused by authentication, by reason")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
