package io.secumon.agent.spool;

import com.google.protobuf.InvalidProtocolBufferException;
import io.secumon.proto.v1.MetricBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk format of one spooled batch: a 4-byte big-endian CRC32C of the payload,
 * then the serialized {@link MetricBatch}. The checksum catches torn or rotten files that
 * protobuf would otherwise often parse into a wrong batch.
 */
final class SpoolFiles {

    private static final Logger log = LoggerFactory.getLogger(SpoolFiles.class);

    private SpoolFiles() {
    }

    static byte[] encode(MetricBatch batch) {
        byte[] body = batch.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        return ByteBuffer.allocate(4 + body.length).putInt((int) crc.getValue()).put(body).array();
    }

    /** The batch in {@code file}, or null when it is missing, torn, corrupt or has no id. */
    static MetricBatch read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
        if (bytes.length < 4) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 4, bytes.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes).getInt()) {
            return null;
        }
        try {
            MetricBatch batch = MetricBatch.parseFrom(ByteBuffer.wrap(bytes, 4, bytes.length - 4));
            return batch.getBatchId().isEmpty() ? null : batch;
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    /** Writes {@code temp}, fsyncs it, renames it to {@code file} and fsyncs the directory. */
    static void writeAtomically(Path directory, Path file, Path temp, byte[] payload) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            delete(temp);
            throw e;
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(directory);
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left behind, the batch is sent again after a restart; the store dedups by id.
            log.warn("could not delete spool file {}: {}", file, e.toString());
        }
    }

    // Makes the rename itself durable; some platforms cannot open a directory, and there
    // the rename is as durable as the file system makes it.
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("cannot fsync directory {}: {}", directory, e.toString());
        }
    }
}
