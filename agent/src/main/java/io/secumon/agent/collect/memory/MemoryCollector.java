package io.secumon.agent.collect.memory;

import io.secumon.agent.collect.Collector;
import io.secumon.agent.collect.SampleSink;
import java.util.Map;
import oshi.hardware.GlobalMemory;
import oshi.hardware.VirtualMemory;

/**
 * Physical memory and swap, in bytes.
 *
 * <p>"Used" is total minus available (what the kernel could hand out without swapping),
 * the figure operators compare with alert thresholds. Cache and buffers (part of what is
 * available) come from {@link PageCache}, because OSHI's {@link GlobalMemory} does not
 * expose them; where the platform has no such figures they are not reported.
 */
public final class MemoryCollector implements Collector {

    private final GlobalMemory memory;
    private final PageCache pageCache;

    public MemoryCollector(GlobalMemory memory, PageCache pageCache) {
        this.memory = memory;
        this.pageCache = pageCache;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public void collect(SampleSink sink) {
        long total = memory.getTotal();
        long available = memory.getAvailable();
        long used = Math.max(0, total - available);
        sink.gauge("memory.total_bytes", Map.of(), total);
        sink.gauge("memory.available_bytes", Map.of(), available);
        sink.gauge("memory.used_bytes", Map.of(), used);
        if (total > 0) {
            sink.gauge("memory.used_percent", Map.of(), used * 100.0 / total);
        }
        pageCache.read().ifPresent(cache -> {
            sink.gauge("memory.cached_bytes", Map.of(), cache.cachedBytes());
            sink.gauge("memory.buffers_bytes", Map.of(), cache.buffersBytes());
        });
        VirtualMemory virtual = memory.getVirtualMemory();
        sink.gauge("memory.swap_total_bytes", Map.of(), virtual.getSwapTotal());
        sink.gauge("memory.swap_used_bytes", Map.of(), virtual.getSwapUsed());
    }
}
