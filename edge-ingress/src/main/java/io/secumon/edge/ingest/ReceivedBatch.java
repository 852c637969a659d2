package io.secumon.edge.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.MethodDescriptor;
import io.secumon.proto.v1.MetricBatch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A {@link MetricBatch} together with the bytes it arrived as, so that the edge publishes
 * exactly what the agent sent without serialising it again. A message that does not parse
 * still arrives here ({@link #batch()} null, {@link #problem()} set) so that the service,
 * not the transport, answers it with a clear INVALID_ARGUMENT.
 */
record ReceivedBatch(byte[] bytes, MetricBatch batch, String problem) {

    /** Reads each request message once, keeping both the bytes and the parsed batch. */
    static final MethodDescriptor.Marshaller<ReceivedBatch> MARSHALLER = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(ReceivedBatch value) {
            return new ByteArrayInputStream(value.bytes());
        }

        @Override
        public ReceivedBatch parse(InputStream stream) {
            byte[] bytes;
            try {
                bytes = stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                return new ReceivedBatch(bytes, MetricBatch.parseFrom(bytes), null);
            } catch (InvalidProtocolBufferException e) {
                return new ReceivedBatch(bytes, null, e.getMessage());
            }
        }
    };

    /** For callers that hold a parsed batch only (the typed {@code push} entry point). */
    static ReceivedBatch of(MetricBatch batch) {
        return new ReceivedBatch(batch.toByteArray(), batch, null);
    }
}
