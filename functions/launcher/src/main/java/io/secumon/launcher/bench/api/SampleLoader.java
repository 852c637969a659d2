package io.secumon.launcher.bench.api;

import java.io.PrintStream;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Loads a fleet's samples with several concurrent binary COPY streams, each a contiguous
 * slice of the time span written minute by minute (every series of every agent for one
 * minute, then the next). That is the order the store writes them in production, so the
 * rows of one series are spread over the table as they would be after a day of ingest
 * (one minute of the fleet per few hundred heap pages), not clustered by series.
 */
final class SampleLoader {

    private static final long PROGRESS_EVERY_MS = 10_000;

    private final DataSource dataSource;
    private final Fleet fleet;
    private final int streams;
    private final AtomicLong written = new AtomicLong();

    SampleLoader(DataSource dataSource, Fleet fleet, int streams) {
        this.dataSource = dataSource;
        this.fleet = fleet;
        this.streams = Math.min(streams, fleet.minutes());
    }

    /** Loads every sample, printing progress to {@code out}; returns the rows the server took. */
    long load(PrintStream out) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        Thread progress = Thread.ofPlatform().daemon().start(() -> report(out));
        try {
            List<Future<Long>> slices = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                long from = fleet.firstMinute() + (long) fleet.minutes() * i / streams;
                long to = fleet.firstMinute() + (long) fleet.minutes() * (i + 1) / streams;
                slices.add(pool.submit(() -> copy(from, to)));
            }
            long rows = 0;
            for (Future<Long> slice : slices) {
                rows += slice.get();
            }
            return rows;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            progress.interrupt();
            pool.shutdownNow();
        }
    }

    /** Rows sent so far. */
    long written() {
        return written.get();
    }

    private long copy(long fromMinute, long toMinute) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            BinarySampleCopy copy = new BinarySampleCopy(
                    connection.unwrap(PGConnection.class).getCopyAPI().copyIn(BinarySampleCopy.SQL), fleet.tenant());
            int agents = fleet.agents().size();
            int series = fleet.series().size();
            for (long minute = fromMinute; minute < toMinute; minute++) {
                for (int a = 0; a < agents; a++) {
                    for (int s = 0; s < series; s++) {
                        copy.add(fleet.seriesId(a, s), minute * 60, fleet.value(a, s, minute));
                    }
                }
                written.addAndGet((long) agents * series);
            }
            return copy.finish();
        }
    }

    private void report(PrintStream out) {
        long started = System.nanoTime();
        long lastRows = 0;
        long lastAt = started;
        try {
            while (true) {
                Thread.sleep(PROGRESS_EVERY_MS);
                long now = System.nanoTime();
                long rows = written.get();
                double rate = (rows - lastRows) / ((now - lastAt) / 1e9);
                long left = fleet.samples() - rows;
                out.printf("api-latency: loaded %,d/%,d samples (%d%%), %,.0f rows/s, about %s left%n", rows,
                        fleet.samples(), rows * 100 / fleet.samples(), rate,
                        rate > 0 ? ApiLatencyBenchmark.duration((long) (left / rate * 1000)) : "?");
                lastRows = rows;
                lastAt = now;
            }
        } catch (InterruptedException done) {
            // the load is over
        }
    }
}
