package io.secumon.agent.config;

import io.secumon.agent.collect.Collectors;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads an {@link AgentConfig} from {@code agent.yaml} (nested keys: {@code agent.name},
 * {@code collector.tls.enabled}, ...) and then the environment, which wins:
 * {@code SECUMON_AGENT_ID}, {@code SECUMON_AGENT_TOKEN}, {@code SECUMON_AGENT_ENDPOINT},
 * {@code SECUMON_AGENT_INTERVAL}, {@code SECUMON_AGENT_SPOOL_DIR}. Every problem is a
 * {@link ConfigException} naming the setting.
 */
public final class AgentConfigReader {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kib|mib|gib|kb|mb|gb)?");

    private final Map<String, String> env;
    private final String hostname;

    /** {@code hostname} is the default {@code agent.name}. */
    public AgentConfigReader(Map<String, String> env, String hostname) {
        this.env = Map.copyOf(env);
        this.hostname = hostname;
    }

    /** Reads {@code file}, which must exist. */
    public AgentConfig read(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigException("config", "'" + file + "' is not a readable file");
        }
        Object root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException | YAMLException e) {
            throw new ConfigException("config", "cannot read '" + file + "': " + e.getMessage());
        }
        if (root != null && !(root instanceof Map)) {
            throw new ConfigException("config", "'" + file + "' is not a YAML mapping");
        }
        return fromTree(root == null ? Map.of() : (Map<?, ?>) root);
    }

    /** Reads {@code file} if it exists, else only the defaults and the environment. */
    public AgentConfig readIfPresent(Path file) {
        return Files.exists(file) ? read(file) : fromTree(Map.of());
    }

    /** Builds the config from an already parsed YAML tree plus the environment. */
    public AgentConfig fromTree(Map<?, ?> root) {
        Map<?, ?> agent = section(root, "agent");
        Map<?, ?> collector = section(root, "collector");
        Map<?, ?> tls = section(collector, "collector.tls", "tls");
        Map<?, ?> metrics = section(root, "metrics");
        Map<?, ?> spool = section(root, "spool");

        String name = Optional.ofNullable(text(agent, "agent.name", "name")).orElse(hostname);
        String idText = override("SECUMON_AGENT_ID", text(agent, "agent.id", "id"));
        Optional<UUID> id = Optional.ofNullable(idText).filter(s -> !s.isBlank()).map(s -> uuid("agent.id", s));
        String endpoint = override("SECUMON_AGENT_ENDPOINT", text(collector, "collector.endpoint", "endpoint"));
        String token = override("SECUMON_AGENT_TOKEN", text(collector, "collector.token", "token"));
        String interval = override("SECUMON_AGENT_INTERVAL", text(metrics, "metrics.interval", "interval"));
        String spoolDir = override("SECUMON_AGENT_SPOOL_DIR", text(spool, "spool.dir", "dir"));
        String maxBytes = text(spool, "spool.max_bytes", "max_bytes");

        return new AgentConfig(
                name,
                id,
                labels(agent),
                endpoint == null ? AgentConfig.DEFAULT_ENDPOINT
                        : AgentConfig.Endpoint.parse("collector.endpoint", endpoint.trim()),
                Optional.ofNullable(token).map(String::trim),
                new AgentConfig.Tls(
                        bool(tls, "collector.tls.enabled", "enabled"),
                        path(tls, "collector.tls.cert", "cert"),
                        path(tls, "collector.tls.key", "key"),
                        path(tls, "collector.tls.ca", "ca")),
                interval == null ? AgentConfig.DEFAULT_INTERVAL : duration("metrics.interval", interval),
                enabled(metrics),
                spoolDir == null ? AgentConfig.DEFAULT_SPOOL_DIR : Path.of(spoolDir),
                maxBytes == null ? AgentConfig.DEFAULT_SPOOL_MAX_BYTES : size("spool.max_bytes", maxBytes));
    }

    private String override(String variable, String fromFile) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? fromFile : value;
    }

    private static Map<?, ?> section(Map<?, ?> parent, String setting) {
        return section(parent, setting, setting);
    }

    private static Map<?, ?> section(Map<?, ?> parent, String setting, String key) {
        Object value = parent.get(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new ConfigException(setting, "must be a mapping");
    }

    private static String text(Map<?, ?> section, String setting, String key) {
        Object value = section.get(key);
        if (value instanceof Map || value instanceof List) {
            throw new ConfigException(setting, "must be a single value");
        }
        return value == null ? null : value.toString();
    }

    private static Map<String, String> labels(Map<?, ?> agent) {
        Map<String, String> labels = new LinkedHashMap<>();
        section(agent, "agent.labels", "labels").forEach((k, v) -> {
            if (k == null || v == null || v instanceof Map || v instanceof List) {
                throw new ConfigException("agent.labels", "'" + k + "' must map to a single value");
            }
            labels.put(k.toString(), v.toString());
        });
        return labels;
    }

    private static List<String> enabled(Map<?, ?> metrics) {
        Object value = metrics.get("enabled");
        if (value == null) {
            return Collectors.NAMES;
        }
        if (!(value instanceof List<?> list)) {
            throw new ConfigException("metrics.enabled", "must be a list of collector names");
        }
        List<String> names = new ArrayList<>();
        list.forEach(item -> names.add(String.valueOf(item).trim()));
        return names;
    }

    private static boolean bool(Map<?, ?> section, String setting, String key) {
        String value = text(section, setting, key);
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(setting, "'" + value + "' is not true or false");
        };
    }

    private static Optional<Path> path(Map<?, ?> section, String setting, String key) {
        return Optional.ofNullable(text(section, setting, key)).filter(s -> !s.isBlank()).map(Path::of);
    }

    private static UUID uuid(String setting, String text) {
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting, "'" + text + "' is not a UUID");
        }
    }

    /** {@code 10s}, {@code 500ms}, {@code 5m}, {@code 1h}; a bare number is seconds. */
    public static Duration duration(String setting, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(setting, "'" + text + "' is not a duration like 10s");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** A byte count: a bare number, or with KiB/MiB/GiB (KB/MB/GB are read as the same). */
    static long size(String setting, String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(setting, "'" + text + "' is not a size like 67108864 or 64MiB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        return switch (unit) {
            case "kib", "kb" -> n << 10;
            case "mib", "mb" -> n << 20;
            case "gib", "gb" -> n << 30;
            default -> n;
        };
    }
}
