package io.secumon.agent.spool;

import io.secumon.proto.v1.MetricBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded, crash-safe FIFO of {@link MetricBatch}es in one directory, one file per batch
 * named by a 20-digit sequence so that name order is append order, also across restarts.
 * A batch stays until {@link #remove} (after the edge acked it); when a limit would be
 * exceeded the OLDEST batches are dropped, counted in {@link #dropped()}. Files are
 * written to a temp name, fsynced and renamed atomically, so a crash leaves either the
 * whole batch or a temp leftover, which {@link #open} deletes. Thread-safe.
 */
public final class Spool {

    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    private static final String SUFFIX = ".batch";
    private static final String TEMP_SUFFIX = ".tmp";

    /**
     * Bounds of the spool; both apply. Defaults ({@link #defaults()}): 64 MiB, 10 000
     * files, i.e. hours of typical batches (~2.5 KiB per collection cycle).
     */
    public record Limits(long maxBytes, int maxFiles) {
        public Limits {
            if (maxBytes <= 0) {
                throw new IllegalArgumentException("spool maxBytes must be > 0, was " + maxBytes);
            }
            if (maxFiles <= 0) {
                throw new IllegalArgumentException("spool maxFiles must be > 0, was " + maxFiles);
            }
        }

        public static Limits defaults() {
            return new Limits(64L << 20, 10_000);
        }
    }

    private record Entry(Path file, String batchId, long bytes) {
    }

    private final Path directory;
    private final Limits limits;
    // guarded by this
    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    private final Map<String, Long> sequenceById = new HashMap<>();
    private long nextSequence;
    private long bytes;
    private long dropped;
    private long corrupt;
    private long droppedThisEpisode;
    private volatile Runnable onAppend = () -> { };

    private Spool(Path directory, Limits limits) {
        this.directory = directory;
        this.limits = limits;
    }

    /**
     * Opens (creating if needed) the spool in {@code directory} and recovers its batches in
     * order; temp leftovers and unreadable files are deleted, the latter counted in
     * {@link #corrupt()}. Batches beyond {@code limits} are dropped oldest first.
     */
    public static Spool open(Path directory, Limits limits) throws IOException {
        Files.createDirectories(directory);
        Spool spool = new Spool(directory, limits);
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(TEMP_SUFFIX)) {
                // A crash between write and rename: the batch was never appended.
                Files.deleteIfExists(file);
            } else if (name.matches("\\d{20}\\" + SUFFIX)) {
                spool.recover(file, Long.parseLong(name.substring(0, 20)));
            }
        }
        synchronized (spool) {
            spool.enforceLimits();
        }
        log.info("spool {} opened: {} batches, {} bytes, limits {}", directory, spool.size(), spool.bytes(), limits);
        return spool;
    }

    private synchronized void recover(Path file, long sequence) {
        MetricBatch batch = SpoolFiles.read(file);
        if (batch == null) {
            discardCorrupt(file);
            return;
        }
        add(sequence, new Entry(file, batch.getBatchId(), SpoolFiles.size(file)));
        nextSequence = Math.max(nextSequence, sequence + 1);
    }

    /**
     * Stores {@code batch} durably at the tail; drops the oldest batches if it would not fit.
     * A batch already spooled (same id) is not stored twice; one larger than
     * {@code maxBytes} on its own is dropped and counted rather than emptying the spool.
     */
    public void append(MetricBatch batch) throws IOException {
        byte[] payload = SpoolFiles.encode(batch);
        synchronized (this) {
            if (sequenceById.containsKey(batch.getBatchId())) {
                return;
            }
            if (payload.length > limits.maxBytes()) {
                dropped++;
                log.warn("batch {} ({} bytes) exceeds the spool's maxBytes; dropped", batch.getBatchId(), payload.length);
                return;
            }
            long sequence = nextSequence++;
            Path file = directory.resolve(String.format("%020d%s", sequence, SUFFIX));
            SpoolFiles.writeAtomically(directory, file, directory.resolve(file.getFileName() + TEMP_SUFFIX), payload);
            add(sequence, new Entry(file, batch.getBatchId(), payload.length));
            enforceLimits();
        }
        onAppend.run();
    }

    /** The oldest {@code max} batches, oldest first. */
    public List<MetricBatch> peek(int max) {
        return peek(max, id -> false);
    }

    /** The oldest {@code max} batches whose id {@code skip} rejects, oldest first. */
    public List<MetricBatch> peek(int max, Predicate<String> skip) {
        List<Entry> chosen = new ArrayList<>();
        synchronized (this) {
            for (Entry entry : entries.values()) {
                if (chosen.size() >= max) {
                    break;
                }
                if (!skip.test(entry.batchId())) {
                    chosen.add(entry);
                }
            }
        }
        // Read outside the lock: disk reads must not stall appends.
        List<MetricBatch> batches = new ArrayList<>(chosen.size());
        for (Entry entry : chosen) {
            MetricBatch batch = SpoolFiles.read(entry.file());
            if (batch != null) {
                batches.add(batch);
            } else if (Files.exists(entry.file()) && remove(entry.batchId())) {
                synchronized (this) {
                    corrupt++;
                }
                log.warn("spool file {} became unreadable; batch {} discarded", entry.file(), entry.batchId());
            }
        }
        return batches;
    }

    /** Deletes the batch (acked or rejected); false when it is not (or no longer) spooled. */
    public boolean remove(String batchId) {
        Entry entry;
        synchronized (this) {
            Long sequence = sequenceById.remove(batchId);
            if (sequence == null) {
                return false;
            }
            entry = entries.remove(sequence);
            bytes -= entry.bytes();
            if (droppedThisEpisode > 0) {
                log.info("spool has room again; {} oldest batches were dropped while it was full", droppedThisEpisode);
                droppedThisEpisode = 0;
            }
        }
        SpoolFiles.delete(entry.file());
        return true;
    }

    /** Whether the batch is still spooled. */
    public synchronized boolean contains(String batchId) {
        return sequenceById.containsKey(batchId);
    }

    /** Runs {@code listener} after every append (on the appending thread); one listener. */
    public void onAppend(Runnable listener) {
        this.onAppend = listener;
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized long bytes() {
        return bytes;
    }

    /** Batches dropped, oldest first, because the spool was full; since open. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Unreadable files discarded; since open. */
    public synchronized long corrupt() {
        return corrupt;
    }

    private void add(long sequence, Entry entry) {
        entries.put(sequence, entry);
        sequenceById.put(entry.batchId(), sequence);
        bytes += entry.bytes();
    }

    // Drops oldest batches while over a limit; the newest batch is the one most worth keeping.
    private void enforceLimits() {
        while (!entries.isEmpty() && (bytes > limits.maxBytes() || entries.size() > limits.maxFiles())) {
            Entry oldest = entries.pollFirstEntry().getValue();
            sequenceById.remove(oldest.batchId());
            bytes -= oldest.bytes();
            SpoolFiles.delete(oldest.file());
            dropped++;
            if (droppedThisEpisode++ == 0) {
                log.warn("spool {} is full ({}); dropping the oldest batches until the edge catches up",
                        directory, limits);
            }
        }
    }

    private void discardCorrupt(Path file) {
        corrupt++;
        log.warn("spool file {} is corrupt; deleted", file);
        SpoolFiles.delete(file);
    }
}
