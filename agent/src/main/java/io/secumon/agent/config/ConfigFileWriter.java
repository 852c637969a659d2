package io.secumon.agent.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a minimal {@code agent.yaml} (endpoint, token, optional agent id) readable only by
 * its owner, since it holds the agent's token. The file is written to a temp name and
 * renamed, so a reader never sees half a file.
 */
public final class ConfigFileWriter {

    /** Writes {@code file}, replacing it; parent directories are created. */
    public void write(Path file, AgentConfig.Endpoint endpoint, String token, Optional<UUID> agentId,
                      boolean tls) throws IOException {
        Map<String, Object> collector = new LinkedHashMap<>();
        collector.put("endpoint", endpoint.toString());
        collector.put("token", token);
        collector.put("tls", Map.of("enabled", tls));
        Map<String, Object> root = new LinkedHashMap<>();
        agentId.ifPresent(id -> root.put("agent", Map.of("id", id.toString())));
        root.put("collector", collector);

        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        String yaml = "# SecuMon agent configuration, written by `secumon-agent setup`.\n"
                + "# Settings and defaults: see the agent's README.\n" + new Yaml(options).dump(root);

        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, yaml);
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
