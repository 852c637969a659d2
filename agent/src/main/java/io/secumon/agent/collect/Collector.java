package io.secumon.agent.collect;

/**
 * Reads one subsystem of the host (cpu, memory, ...) and reports its current samples.
 *
 * <p>Contract: {@link #collect} is called periodically from one thread; it reports each
 * sample to the sink without a time (the caller stamps one time per collection round), and
 * a collector that needs elapsed time for rates keeps the previous counters itself. A
 * failure to read the host is thrown as a runtime exception; {@link Collectors} isolates it.
 */
public interface Collector {

    /** Short, stable name of the subsystem, e.g. {@code cpu}; used in logs. */
    String name();

    /** Reports this subsystem's samples of this round to {@code sink}. */
    void collect(SampleSink sink);
}
