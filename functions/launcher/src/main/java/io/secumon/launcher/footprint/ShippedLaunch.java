package io.secumon.launcher.footprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the agent is launched as shipped, read from {@code infra/systemd/secumon-agent.service}:
 * the JVM flags of its {@code ExecStart=} line (everything between the java binary and
 * {@code -jar}) and the variables of its {@code Environment=} lines (the C library's memory
 * settings). The benchmark measures exactly what the unit runs, and the settings live in one
 * place.
 */
record ShippedLaunch(List<String> jvmFlags, Map<String, String> environment) {

    static final String UNIT = "infra/systemd/secumon-agent.service";

    ShippedLaunch {
        jvmFlags = List.copyOf(jvmFlags);
        environment = Map.copyOf(environment);
    }

    static ShippedLaunch read(Path repo) {
        Path unit = repo.resolve(UNIT);
        try {
            return parse(Files.readString(unit));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + unit, e);
        }
    }

    static ShippedLaunch parse(String unitText) {
        List<String> lines = unitText.lines().map(String::strip).toList();
        String execStart = lines.stream().filter(l -> l.startsWith("ExecStart="))
                .findFirst().orElseThrow(() -> new IllegalStateException("no ExecStart= in " + UNIT));
        List<String> words = Arrays.asList(execStart.substring("ExecStart=".length()).strip().split("\\s+"));
        int jar = words.indexOf("-jar");
        if (jar < 1) {
            throw new IllegalStateException("ExecStart= of " + UNIT + " does not run 'java ... -jar': " + execStart);
        }
        // Environment=A=1 B=2 (systemd also allows quoting; the unit does not use it)
        Map<String, String> environment = new LinkedHashMap<>();
        lines.stream().filter(l -> l.startsWith("Environment=")).forEach(l -> {
            for (String assignment : l.substring("Environment=".length()).strip().split("\\s+")) {
                int eq = assignment.indexOf('=');
                if (eq < 1) {
                    throw new IllegalStateException("Environment= of " + UNIT + " is not NAME=VALUE: " + l);
                }
                environment.put(assignment.substring(0, eq), assignment.substring(eq + 1));
            }
        });
        return new ShippedLaunch(words.subList(1, jar), environment);
    }
}
