package io.secumon.launcher.local;

import io.secumon.edge.publish.AcceptedBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the in-memory pipeline parks batches that can never be stored, as the deployed
 * functions' dead-letter queues do: {@code <batch id>.metricbatch} holds the batch exactly
 * as the agent sent it (a serialised {@code secumon.v1.MetricBatch}), {@code <batch id>.txt}
 * says whose it is and why it was refused. Kept and logged as a warning; never retried.
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final Path directory;

    public DeadLetters(Path directory) {
        this.directory = directory;
    }

    /** Writes {@code batch} and {@code reason} to the directory. */
    public void keep(AcceptedBatch batch, String reason) throws IOException {
        Files.createDirectories(directory);
        // The edge accepts only UUIDs as batch ids; anything else must not become a path.
        String name = isUuid(batch.batchId()) ? batch.batchId() : "unnamed-" + UUID.randomUUID();
        Files.write(directory.resolve(name + ".metricbatch"), batch.body());
        Files.writeString(directory.resolve(name + ".txt"), "batch " + batch.batchId() + "\ntenant "
                + batch.tenantId() + "\nagent " + batch.agentId() + "\nreceived_at_ms " + batch.receivedAtMs()
                + "\nreason " + reason + "\n");
        log.warn("batch {} of agent {} can never be stored ({}); kept in {}", batch.batchId(), batch.agentId(),
                reason, directory);
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
