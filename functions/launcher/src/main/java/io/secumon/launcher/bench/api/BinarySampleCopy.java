package io.secumon.launcher.bench.api;

import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.UUID;
import org.postgresql.copy.CopyIn;

/**
 * Rows of {@code samples (tenant_id, series_id, ts, value)} streamed to one
 * {@code COPY ... FROM STDIN (FORMAT binary)}. The binary format spares the server parsing
 * text (UUIDs and timestamps are the expensive part), which on a 2-core machine is the
 * load's bottleneck.
 */
final class BinarySampleCopy {

    static final String SQL = "COPY samples (tenant_id, series_id, ts, value) FROM STDIN (FORMAT binary)";

    /** Signature, flags, header extension length (PostgreSQL's COPY binary format). */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    /** Field count, then each field as length + bytes. */
    static final int ROW_BYTES = 2 + (4 + 16) + (4 + 8) + (4 + 8) + (4 + 8);
    /** PostgreSQL counts timestamps in microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private final CopyIn copy;
    private final long tenantHigh;
    private final long tenantLow;
    private final ByteBuffer buffer = ByteBuffer.allocate(ROW_BYTES * 4096);

    BinarySampleCopy(CopyIn copy, UUID tenant) {
        this.copy = copy;
        this.tenantHigh = tenant.getMostSignificantBits();
        this.tenantLow = tenant.getLeastSignificantBits();
        buffer.put(HEADER);
    }

    void add(long seriesId, long epochSecond, double value) throws SQLException {
        if (buffer.remaining() < ROW_BYTES) {
            flush();
        }
        buffer.putShort((short) 4)
                .putInt(16).putLong(tenantHigh).putLong(tenantLow)
                .putInt(8).putLong(seriesId)
                .putInt(8).putLong((epochSecond - POSTGRES_EPOCH_SECONDS) * 1_000_000L)
                .putInt(8).putDouble(value);
    }

    /** Ends the COPY; returns the rows the server took. */
    long finish() throws SQLException {
        if (buffer.remaining() < 2) {
            flush();
        }
        buffer.putShort((short) -1);
        flush();
        return copy.endCopy();
    }

    private void flush() throws SQLException {
        copy.writeToCopy(buffer.array(), 0, buffer.position());
        buffer.clear();
    }

    /** The bytes a COPY of no rows would send: for tests. */
    static byte[] header() {
        return HEADER.clone();
    }
}
