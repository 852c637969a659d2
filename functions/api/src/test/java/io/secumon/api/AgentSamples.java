package io.secumon.api;

import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.CanonicalSeries;
import io.secumon.proto.v1.MetricKind;
import io.secumon.proto.v1.Sample;
import io.secumon.proto.v1.SampleBatch;
import io.secumon.store.SampleWriter;
import io.secumon.store.SeriesIdCache;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * One collection round of an agent as the pipeline stores it: canonical metric names of the
 * agent's collectors (cpu, memory, filesystem, disk, network, process), written by the real
 * store function ({@link SampleWriter}), which also marks the agent seen.
 */
public final class AgentSamples {

    private AgentSamples() {
    }

    /** Stores one round of samples of {@code agent} taken at {@code at}, identity included. */
    public static void store(DataSource dataSource, UUID tenant, UUID agent, Instant at, String hostname) {
        store(dataSource, tenant, agent, at, hostname, Map.of());
    }

    /** As {@link #store(DataSource, UUID, UUID, Instant, String)}, the agent reporting {@code labels} of its own. */
    public static void store(DataSource dataSource, UUID tenant, UUID agent, Instant at, String hostname,
                             Map<String, String> labels) {
        SampleBatch round = round(tenant, agent, at, hostname);
        round = round.toBuilder().setAgent(round.getAgent().toBuilder().putAllLabels(labels)).build();
        new SampleWriter(dataSource, new SeriesIdCache(1_000), Clock.systemUTC()).write(round);
    }

    static SampleBatch round(UUID tenant, UUID agent, Instant at, String hostname) {
        SampleBatch.Builder batch = SampleBatch.newBuilder()
                .setBatchId(UUID.randomUUID().toString())
                .setTenantId(tenant.toString())
                .setAgentId(agent.toString())
                .setBaseTimeUnixMs(at.toEpochMilli())
                .setReceivedAtUnixMs(at.toEpochMilli())
                .setAgent(AgentIdentity.newBuilder().setAgentId(agent.toString()).setHostname(hostname)
                        .setOs("linux").setOsVersion("12").setArch("amd64").setAgentVersion("0.1.0")
                        .addIpAddresses("10.0.0.7"));
        gauge(batch, "cpu.usage_percent", Map.of(), 12.5);
        gauge(batch, "memory.used_bytes", Map.of(), 1.5e9);
        Map<String, String> root = Map.of("mount", "/", "device", "/dev/sda1", "type", "ext4");
        gauge(batch, "filesystem.total_bytes", root, 100e9);
        gauge(batch, "filesystem.used_bytes", root, 40e9);
        gauge(batch, "filesystem.free_bytes", root, 60e9);
        gauge(batch, "filesystem.used_percent", root, 40);
        gauge(batch, "disk.busy_percent", Map.of("device", "sda"), 3);
        gauge(batch, "disk.read_bytes_per_second", Map.of("device", "sda"), 4096);
        gauge(batch, "net.received_bytes_per_second", Map.of("interface", "eth0"), 1000);
        gauge(batch, "net.sent_bytes_per_second", Map.of("interface", "eth0"), 500);
        gauge(batch, "net.tcp_connections", Map.of("state", "established"), 7);
        gauge(batch, "process.count", Map.of("state", "running"), 3);
        gauge(batch, "process.count", Map.of("state", "sleeping"), 120);
        Map<String, String> process = Map.of("pid", "42", "name", "postgres-" + hostname, "user", "postgres");
        gauge(batch, "process.cpu_percent", process, 9.5);
        gauge(batch, "process.rss_bytes", process, 2e8);
        return batch.build();
    }

    private static void gauge(SampleBatch.Builder batch, String metric, Map<String, String> labels, double value) {
        batch.addSeries(CanonicalSeries.newBuilder().setMetric(metric).putAllLabels(labels)
                .setKind(MetricKind.METRIC_KIND_GAUGE));
        batch.addSamples(Sample.newBuilder().setSeries(batch.getSeriesCount() - 1).setValue(value).setOffsetMs(0));
    }
}
