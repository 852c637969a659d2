package io.secumon.store;

import io.secumon.proto.v1.Sample;
import io.secumon.proto.v1.SampleBatch;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams a batch's samples into {@code samples} with COPY in PostgreSQL's binary format:
 * one buffer per batch, filled with primitive writes, so no object is created per sample
 * and the server parses no text.
 */
final class SampleCopy {

    private static final String COPY = "COPY samples (tenant_id, series_id, ts, value) FROM STDIN (FORMAT binary)";
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final int HEADER_BYTES = SIGNATURE.length + 4 + 4; // signature, flags, extension length
    // Field count, then per field its length and value: uuid 16, int8 8, timestamptz 8, float8 8.
    private static final int ROW_BYTES = 2 + 4 * 4 + 16 + 8 + 8 + 8;
    private static final int TRAILER_BYTES = 2;
    // timestamptz travels as microseconds since 2000-01-01T00:00Z.
    private static final long PG_EPOCH_UNIX_MS = 946_684_800_000L;

    private SampleCopy() {
    }

    /** Copies the plan's finite samples; {@code seriesIds} maps series index to id. Returns rows copied. */
    static long copy(Connection connection, BatchPlan plan, long[] seriesIds) throws SQLException {
        if (plan.samples() == 0) {
            return 0;
        }
        ByteBuffer buffer = encode(plan, seriesIds);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            copy.writeToCopy(buffer.array(), 0, buffer.position());
            return copy.endCopy();
        } catch (SQLException e) {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy(); // leaves a live connection usable for the rollback
                } catch (SQLException cancel) {
                    e.addSuppressed(cancel);
                }
            }
            throw e;
        }
    }

    static ByteBuffer encode(BatchPlan plan, long[] seriesIds) {
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + ROW_BYTES * plan.samples() + TRAILER_BYTES);
        out.put(SIGNATURE).putInt(0).putInt(0);
        UUID tenant = plan.tenant();
        long tenantHigh = tenant.getMostSignificantBits();
        long tenantLow = tenant.getLeastSignificantBits();
        SampleBatch batch = plan.batch();
        long base = batch.getBaseTimeUnixMs();
        for (int i = 0, n = batch.getSamplesCount(); i < n; i++) {
            Sample sample = batch.getSamples(i);
            double value = sample.getValue();
            if (!Double.isFinite(value)) {
                continue; // skipped by the plan too
            }
            long ms = base + sample.getOffsetMs();
            out.putShort((short) 4)
                    .putInt(16).putLong(tenantHigh).putLong(tenantLow)
                    .putInt(8).putLong(seriesIds[sample.getSeries()])
                    .putInt(8).putLong((ms - PG_EPOCH_UNIX_MS) * 1000)
                    .putInt(8).putDouble(value);
        }
        return out.putShort((short) -1);
    }
}
