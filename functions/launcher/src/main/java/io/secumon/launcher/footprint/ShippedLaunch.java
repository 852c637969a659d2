package io.secumon.launcher.footprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The agent's JVM flags as shipped: read from the {@code ExecStart=} line of
 * {@code infra/systemd/secumon-agent.service} (everything between the java binary and
 * {@code -jar}), so the benchmark measures exactly what the unit runs and the flags live
 * in one place.
 */
final class ShippedJvmFlags {

    static final String UNIT = "infra/systemd/secumon-agent.service";

    private ShippedJvmFlags() {
    }

    static List<String> read(Path repo) {
        Path unit = repo.resolve(UNIT);
        try {
            return parse(Files.readString(unit));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + unit, e);
        }
    }

    /** The JVM options of the unit's {@code ExecStart=} command. */
    static List<String> parse(String unitText) {
        String execStart = unitText.lines().map(String::strip).filter(l -> l.startsWith("ExecStart="))
                .findFirst().orElseThrow(() -> new IllegalStateException("no ExecStart= in " + UNIT));
        List<String> words = Arrays.asList(execStart.substring("ExecStart=".length()).strip().split("\\s+"));
        int jar = words.indexOf("-jar");
        if (jar < 1) {
            throw new IllegalStateException("ExecStart= of " + UNIT + " does not run 'java ... -jar': " + execStart);
        }
        return List.copyOf(words.subList(1, jar));
    }
}
