package io.secumon.agent.spool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's batch numbers, kept beside the spool so that they continue across restarts.
 * The store keeps each batch's number (migration V3), so a gap in an agent's numbers then
 * always means a batch that was numbered and never stored, not a restart of the agent.
 *
 * <p>Each number is written (atomically, synced) before it is used: a crash can lose a
 * number, never hand one out twice.
 */
public final class BatchSequence {

    private static final Logger log = LoggerFactory.getLogger(BatchSequence.class);

    static final String FILE = "sequence";

    private final Path directory;
    private long last;

    private BatchSequence(Path directory, long last) {
        this.directory = directory;
        this.last = last;
    }

    /** The sequence kept in {@code directory} (the spool directory), from 1 when there is none yet. */
    public static BatchSequence open(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE);
        long last = 0;
        try {
            last = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (last < 0) {
                throw new NumberFormatException("negative");
            }
        } catch (NoSuchFileException e) {
            // a new agent (or a new spool directory): numbering starts at 1
        } catch (NumberFormatException e) {
            last = 0;
            log.warn("{} is unreadable ({}); batch numbers start again at 1", file, e.getMessage());
        }
        return new BatchSequence(directory, last);
    }

    /** The next number, persisted before it is returned. */
    public synchronized long next() throws IOException {
        long next = last + 1;
        Path file = directory.resolve(FILE);
        SpoolFiles.writeAtomically(directory, file, directory.resolve(FILE + ".tmp"),
                Long.toString(next).getBytes(StandardCharsets.US_ASCII));
        last = next;
        return next;
    }

    /** The last number handed out (0 before the first). */
    public synchronized long last() {
        return last;
    }
}
