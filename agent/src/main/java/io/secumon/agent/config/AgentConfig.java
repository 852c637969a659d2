package io.secumon.agent.config;

import io.secumon.agent.collect.Collectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The agent's validated configuration; read by {@link AgentConfigReader} from
 * {@code agent.yaml} plus environment overrides. Every value is checked here, so a
 * constructed config is trusted everywhere else. Only the settings needed to ship
 * ({@code agent.id}, {@code collector.token}) are optional here and required by
 * {@link #requireShipping()}.
 *
 * @param name          {@code agent.name}: how the agent names itself; default the host name
 * @param id            {@code agent.id}: the enrolled agent id; empty until enrolled
 * @param labels        {@code agent.labels}: operator labels for the machine
 * @param endpoint      {@code collector.endpoint}: the edge ingress
 * @param token         {@code collector.token}: the agent's bearer token; empty when unset
 * @param tls           {@code collector.tls.*}
 * @param interval      {@code metrics.interval}: time between collections, at least 1 s
 * @param enabled       {@code metrics.enabled}: the collectors to run, names from {@link Collectors#NAMES}
 * @param spoolDir      {@code spool.dir}: where unshipped batches wait
 * @param spoolMaxBytes {@code spool.max_bytes}: the spool's size bound
 */
public record AgentConfig(String name, Optional<UUID> id, Map<String, String> labels, Endpoint endpoint,
                          Optional<String> token, Tls tls, Duration interval, List<String> enabled,
                          Path spoolDir, long spoolMaxBytes) {

    public static final Endpoint DEFAULT_ENDPOINT = new Endpoint("localhost", 50051);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final Path DEFAULT_SPOOL_DIR = Path.of("/var/lib/secumon-agent/spool");
    public static final long DEFAULT_SPOOL_MAX_BYTES = 64L << 20;

    /** Where the edge listens. */
    public record Endpoint(String host, int port) {
        public Endpoint {
            if (host == null || host.isBlank() || port < 1 || port > 65535) {
                throw new ConfigException("collector.endpoint", "'" + host + ":" + port + "' is not host:port");
            }
        }

        /** Parses {@code host:port} (IPv6 as {@code [::1]:port}); errors name {@code setting}. */
        public static Endpoint parse(String setting, String text) {
            int colon = text.lastIndexOf(':');
            String host = colon > 0 ? text.substring(0, colon) : "";
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                if (!host.isBlank() && !host.contains(" ") && port >= 1 && port <= 65535) {
                    return new Endpoint(host, port);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConfigException(setting, "'" + text + "' is not host:port");
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * {@code collector.tls.*}: {@code enabled} speaks TLS to the edge, verified against
     * {@code ca} when given, else the system trust store; {@code cert} and {@code key} (PEM,
     * key in PKCS#8) make it mutual TLS. Files must be readable at start.
     */
    public record Tls(boolean enabled, Optional<Path> cert, Optional<Path> key, Optional<Path> ca) {
        public Tls {
            requireReadable("collector.tls.cert", cert);
            requireReadable("collector.tls.key", key);
            requireReadable("collector.tls.ca", ca);
            if (cert.isPresent() != key.isPresent()) {
                throw new ConfigException(cert.isPresent() ? "collector.tls.key" : "collector.tls.cert",
                        "client certificate and key must be given together");
            }
        }

        public static Tls disabled() {
            return new Tls(false, Optional.empty(), Optional.empty(), Optional.empty());
        }

        private static void requireReadable(String setting, Optional<Path> file) {
            if (file.isPresent() && !(Files.isRegularFile(file.get()) && Files.isReadable(file.get()))) {
                throw new ConfigException(setting, "'" + file.get() + "' is not a readable file");
            }
        }
    }

    public AgentConfig {
        if (name == null || name.isBlank()) {
            throw new ConfigException("agent.name", "must not be empty");
        }
        labels = Map.copyOf(labels);
        token = token.filter(t -> !t.isBlank());
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException("metrics.interval", interval + " is below the minimum of 1s");
        }
        enabled = List.copyOf(enabled);
        for (String collector : enabled) {
            if (!Collectors.NAMES.contains(collector)) {
                throw new ConfigException("metrics.enabled", "unknown collector '" + collector
                        + "'; known are " + Collectors.NAMES);
            }
        }
        if (spoolMaxBytes <= 0) {
            throw new ConfigException("spool.max_bytes", "must be > 0, was " + spoolMaxBytes);
        }
    }

    /** This config if it can ship batches (agent id and token set), else the missing setting's error. */
    public AgentConfig requireShipping() {
        if (id.isEmpty()) {
            throw new ConfigException("agent.id", "required to ship; set it or SECUMON_AGENT_ID "
                    + "to the enrolled agent id");
        }
        if (token.isEmpty()) {
            throw new ConfigException("collector.token", "required to ship; set it or SECUMON_AGENT_TOKEN");
        }
        return this;
    }

    /** No secrets: for the start-up log line. */
    @Override
    public String toString() {
        return "AgentConfig[name=" + name + ", id=" + id.map(UUID::toString).orElse("-") + ", labels=" + labels
                + ", endpoint=" + endpoint + ", token=" + (token.isPresent() ? "***" : "-") + ", tls=" + tls.enabled()
                + ", interval=" + interval + ", enabled=" + enabled + ", spoolDir=" + spoolDir
                + ", spoolMaxBytes=" + spoolMaxBytes + "]";
    }
}
