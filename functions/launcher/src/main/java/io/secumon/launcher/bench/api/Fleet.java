package io.secumon.launcher.bench.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the benchmark loads: {@code agents} of one tenant, each with the same {@code series},
 * and one sample per series and minute for {@code minutes} minutes from {@code firstMinute}.
 * Series ids are assigned here (agent-major), so samples can be written without reading
 * the series back.
 *
 * @param firstMinute minutes since the epoch of the first sample
 */
record Fleet(UUID tenant, List<UUID> agents, List<SeriesCatalog.Shape> series, long firstMinute, int minutes) {

    Fleet {
        agents = List.copyOf(agents);
        series = List.copyOf(series);
    }

    /** {@code minutes} one-minute samples per series, the last one at {@code end} (truncated to the minute). */
    static Fleet ending(Instant end, UUID tenant, int agents, int series, int minutes) {
        List<UUID> ids = java.util.stream.IntStream.range(0, agents).mapToObj(i -> UUID.randomUUID()).toList();
        return new Fleet(tenant, ids, SeriesCatalog.first(series), end.getEpochSecond() / 60 - minutes + 1, minutes);
    }

    long seriesId(int agent, int series) {
        return 1 + (long) agent * this.series.size() + series;
    }

    double value(int agent, int series, long minute) {
        // Agents peak at different times of day, as hosts in several time zones would.
        return this.series.get(series).value(minute, agent * 0.37, seriesId(agent, series));
    }

    long lastMinute() {
        return firstMinute + minutes - 1;
    }

    long samples() {
        return (long) agents.size() * series.size() * minutes;
    }

    /** Host name of the agent with this index. */
    static String name(int agent) {
        return "bench-host-%05d".formatted(agent);
    }
}
