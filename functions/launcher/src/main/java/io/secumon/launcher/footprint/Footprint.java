package io.secumon.launcher.footprint;

/**
 * Accumulates per-second readings: peak RSS over all of them, average CPU (share of one
 * core) over those taken from the end of the warm-up on.
 */
final class Footprint {

    private final double warmupSeconds;
    private final int ticksPerSecond;
    private long peakRssKb;
    private long lastRssKb;
    private double firstSecond = Double.NaN;
    private long firstTicks;
    private double lastSecond = Double.NaN;
    private long lastTicks;
    private long childTicks;

    Footprint(double warmupSeconds, int ticksPerSecond) {
        this.warmupSeconds = warmupSeconds;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** A reading taken {@code second} seconds after the agent started. */
    void add(double second, ProcStats stats) {
        peakRssKb = Math.max(peakRssKb, stats.rssKb());
        lastRssKb = stats.rssKb();
        childTicks = stats.childCpuTicks();
        if (second >= warmupSeconds) {
            if (Double.isNaN(firstSecond)) {
                firstSecond = second;
                firstTicks = stats.cpuTicks();
            }
            lastSecond = second;
            lastTicks = stats.cpuTicks();
        }
    }

    double peakRssMb() {
        return peakRssKb / 1024.0;
    }

    double lastRssMb() {
        return lastRssKb / 1024.0;
    }

    long childCpuTicks() {
        return childTicks;
    }

    /** Seconds over which CPU is averaged so far. */
    double cpuSeconds() {
        return Double.isNaN(firstSecond) ? 0 : lastSecond - firstSecond;
    }

    /** Average CPU after the warm-up as a percentage of one core; NaN before two readings. */
    double cpuPercent() {
        double wall = cpuSeconds();
        if (wall <= 0) {
            return Double.NaN;
        }
        return 100.0 * (lastTicks - firstTicks) / ticksPerSecond / wall;
    }
}
