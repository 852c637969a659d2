package io.secumon.agent.collect.systemd;

import io.secumon.agent.collect.Collector;
import io.secumon.agent.collect.SampleSink;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of every systemd service unit, read from {@code systemctl list-units}.
 *
 * <p>Where systemctl is missing or fails before it ever worked (no systemd, e.g. in a
 * container) the collector logs that once at INFO and stays off for the rest of the run, so
 * an absent source costs nothing and never loops on errors. A failure after it has worked is
 * logged once per outage and retried every round.
 */
public final class SystemdCollector implements Collector {

    private static final Logger log = LoggerFactory.getLogger(SystemdCollector.class);

    static final List<String> COMMAND = List.of(
            "systemctl", "list-units", "--type=service", "--all", "--no-legend", "--no-pager", "--plain");

    /** systemd's unit active states, always reported in {@code service.count} (0 included). */
    private static final List<String> STATES = List.of(
            "active", "reloading", "inactive", "failed", "activating", "deactivating", "maintenance", "refreshing");

    private final CommandRunner runner;
    private boolean everWorked;
    private boolean off;
    private boolean failing;

    public SystemdCollector(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return "systemd";
    }

    @Override
    public void collect(SampleSink sink) {
        if (off) {
            return;
        }
        String output;
        try {
            output = runner.run(COMMAND);
        } catch (IOException e) {
            if (!everWorked) {
                off = true;
                log.info("systemd unit states are not collected on this host ({})", e.getMessage());
            } else if (!failing) {
                failing = true;
                log.warn("cannot read systemd unit states, retrying every round: {}", e.getMessage());
            }
            return;
        }
        everWorked = true;
        if (failing) {
            failing = false;
            log.info("systemd unit states readable again");
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        STATES.forEach(s -> counts.put(s, 0));
        for (String line : output.split("\n")) {
            String[] columns = line.strip().split("\\s+");
            int first = columns[0].equals("●") || columns[0].equals("*") ? 1 : 0;
            if (columns.length < first + 4) {
                continue;
            }
            // columns: UNIT LOAD ACTIVE SUB DESCRIPTION...
            String unit = columns[first];
            String state = columns[first + 2];
            sink.gauge("service.active", Map.of("unit", unit, "state", state), 1);
            counts.merge(state, 1, Integer::sum);
        }
        counts.forEach((state, count) -> sink.gauge("service.count", Map.of("state", state), count));
    }
}
