package io.secumon.agent.collect.memory;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Cache and buffer figures from Linux's {@code /proc/meminfo} ({@code Cached:} and
 * {@code Buffers:}, in kB as the kernel prints them, reported in bytes).
 */
public final class ProcMeminfo implements PageCache {

    private final Path meminfo;

    /** @param meminfo the {@code /proc/meminfo} file (a test file in tests) */
    public ProcMeminfo(Path meminfo) {
        this.meminfo = meminfo;
    }

    /** Whether this host has the file this source reads. */
    public static boolean availableAt(Path meminfo) {
        return Files.isReadable(meminfo);
    }

    @Override
    public Optional<Figures> read() {
        long cached = -1;
        long buffers = -1;
        try (BufferedReader in = Files.newBufferedReader(meminfo, StandardCharsets.US_ASCII)) {
            for (String line = in.readLine(); line != null && (cached < 0 || buffers < 0); line = in.readLine()) {
                if (line.startsWith("Cached:")) {
                    cached = kilobytes(line);
                } else if (line.startsWith("Buffers:")) {
                    buffers = kilobytes(line);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return cached < 0 || buffers < 0 ? Optional.empty() : Optional.of(new Figures(cached * 1024, buffers * 1024));
    }

    /** "Cached:          9764580 kB" → 9764580. */
    private static long kilobytes(String line) {
        String value = line.substring(line.indexOf(':') + 1).strip();
        int space = value.indexOf(' ');
        return Long.parseLong(space < 0 ? value : value.substring(0, space));
    }
}
