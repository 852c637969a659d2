package io.secumon.agent.collect.memory;

import java.util.Optional;

/**
 * The kernel's page cache and buffer figures, which OSHI's {@code GlobalMemory} does not
 * expose: on Linux from {@link ProcMeminfo}, elsewhere {@link #NONE}.
 */
@FunctionalInterface
public interface PageCache {

    /** No figures on this platform: the collector reports neither. */
    PageCache NONE = Optional::empty;

    /** The current figures, or empty when they cannot be read. */
    Optional<Figures> read();

    /** @param cachedBytes page cache ("Cached") @param buffersBytes block-device buffers ("Buffers") */
    record Figures(long cachedBytes, long buffersBytes) {
    }
}
