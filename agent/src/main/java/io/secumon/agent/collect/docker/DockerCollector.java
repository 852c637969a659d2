package io.secumon.agent.collect.docker;

import io.secumon.agent.collect.Collector;
import io.secumon.agent.collect.SampleSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Docker containers: whether each runs, counts by state, and memory and CPU of the running ones.
 *
 * <p>Without the daemon's socket the collector does nothing (logged once at INFO; the socket
 * is checked again every round, so a daemon started later is picked up). A failure talking
 * to the daemon is logged once per outage and costs the whole round's container samples, so
 * a round never reports half a picture; the next round retries. CPU percent is computed as
 * {@code docker stats} does, from the cpu_stats/precpu_stats deltas; with one-shot stats the
 * daemon leaves precpu_stats empty, so the previous round's cpu_stats stands in for it.
 */
public final class DockerCollector implements Collector {

    private static final Logger log = LoggerFactory.getLogger(DockerCollector.class);

    /** Docker's container states, always reported in {@code container.count} (0 included). */
    private static final List<String> STATES =
            List.of("created", "running", "paused", "restarting", "removing", "exited", "dead");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    /** Cumulative CPU counters of one container at one read, in nanoseconds. */
    private record Cpu(double container, double system, double onlineCpus) {
    }

    private final Path socket;
    private final DockerApi api;
    private Map<String, Cpu> previousCpu = new HashMap<>();
    private boolean absenceLogged;
    private boolean failing;

    public DockerCollector(Path socket, DockerApi api) {
        this.socket = socket;
        this.api = api;
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public void collect(SampleSink sink) {
        if (!Files.exists(socket)) {
            if (!absenceLogged) {
                absenceLogged = true;
                log.info("no Docker socket at {}, containers are not collected while it is absent", socket);
            }
            return;
        }
        List<Sample> samples;
        try {
            samples = read();
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("cannot read containers from {}, retrying every round: {}", socket, e.toString());
            }
            return;
        }
        if (failing) {
            failing = false;
            log.info("containers readable again from {}", socket);
        }
        samples.forEach(s -> sink.gauge(s.name(), s.labels(), s.value()));
    }

    private List<Sample> read() throws IOException {
        DockerApi.Response list = api.get("/containers/json?all=1");
        if (list.status() != 200) {
            throw new IOException("GET /containers/json answered " + list.status());
        }
        List<Sample> samples = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        STATES.forEach(s -> counts.put(s, 0));
        Map<String, Cpu> currentCpu = new HashMap<>();
        for (Object container : (List<?>) JsonReader.parse(list.body())) {
            String id = String.valueOf(JsonReader.at(container, "Id"));
            String name = name(container, id);
            String state = String.valueOf(JsonReader.at(container, "State"));
            boolean running = state.equals("running");
            counts.merge(state, 1, Integer::sum);
            samples.add(new Sample("container.running",
                    Map.of("name", name, "image", String.valueOf(JsonReader.at(container, "Image"))), running ? 1 : 0));
            if (running) {
                stats(id, name, samples, currentCpu);
            }
        }
        counts.forEach((state, count) -> samples.add(new Sample("container.count", Map.of("state", state), count)));
        previousCpu = currentCpu;
        return samples;
    }

    private void stats(String id, String name, List<Sample> samples, Map<String, Cpu> currentCpu) throws IOException {
        DockerApi.Response response = api.get("/containers/" + id + "/stats?stream=false&one-shot=true");
        if (response.status() != 200) {
            // stopped or removed between the list and this call: its state is already reported
            log.debug("no stats for container {}: status {}", name, response.status());
            return;
        }
        Object stats = JsonReader.parse(response.body());
        double memory = JsonReader.number(stats, -1, "memory_stats", "usage");
        if (memory >= 0) {
            samples.add(new Sample("container.memory_bytes", Map.of("name", name), memory));
        }
        Cpu now = cpu(JsonReader.at(stats, "cpu_stats"));
        Cpu before = cpu(JsonReader.at(stats, "precpu_stats"));
        if (before.system() <= 0) {
            before = previousCpu.get(id);
        }
        currentCpu.put(id, now);
        if (before == null) {
            return;
        }
        double containerDelta = now.container() - before.container();
        double systemDelta = now.system() - before.system();
        if (containerDelta >= 0 && systemDelta > 0) {
            samples.add(new Sample("container.cpu_percent", Map.of("name", name),
                    containerDelta / systemDelta * now.onlineCpus() * 100));
        }
    }

    private static Cpu cpu(Object cpuStats) {
        double online = JsonReader.number(cpuStats, 0, "online_cpus");
        if (online <= 0 && JsonReader.at(cpuStats, "cpu_usage", "percpu_usage") instanceof List<?> perCpu) {
            online = perCpu.size();
        }
        return new Cpu(JsonReader.number(cpuStats, 0, "cpu_usage", "total_usage"),
                JsonReader.number(cpuStats, 0, "system_cpu_usage"), Math.max(online, 1));
    }

    private static String name(Object container, String id) {
        if (JsonReader.at(container, "Names") instanceof List<?> names && !names.isEmpty()) {
            String first = String.valueOf(names.get(0));
            return first.startsWith("/") ? first.substring(1) : first;
        }
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
