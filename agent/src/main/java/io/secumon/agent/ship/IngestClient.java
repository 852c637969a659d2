package io.secumon.agent.ship;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.okhttp.OkHttpChannelBuilder;
import io.secumon.proto.v1.IngestGrpc;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A connection to the edge ingress, authenticated with the agent's bearer token. Opens
 * {@link PushSession}s, each one {@code Push} stream. Thread-safe; close it to release
 * the connection.
 */
public final class IngestClient implements AutoCloseable {

    private final ManagedChannel channel;
    private final IngestGrpc.IngestStub stub;

    /** Uses {@code channel}, which this client closes on {@link #close()}. */
    public IngestClient(ManagedChannel channel, String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an agent token is required");
        }
        this.channel = channel;
        this.stub = IngestGrpc.newStub(channel).withCallCredentials(new BearerToken(token));
    }

    /**
     * Connects to {@code host:port}; {@code plaintext} only for local or in-cluster edges,
     * otherwise TLS with the system's trust store.
     */
    public static IngestClient connect(String host, int port, String token, boolean plaintext) {
        OkHttpChannelBuilder builder = OkHttpChannelBuilder.forAddress(host, port);
        if (plaintext) {
            builder.usePlaintext();
        } else {
            builder.useTransportSecurity();
        }
        return new IngestClient(configured(builder), token);
    }

    /** Connects to {@code host:port} over TLS, mutual when {@code tls} holds a client certificate. */
    public static IngestClient connect(String host, int port, String token, TlsFiles tls) {
        return new IngestClient(configured(OkHttpChannelBuilder.forAddress(host, port, tls.credentials())), token);
    }

    /**
     * The channel settings both transports share. The shipper owns retrying (in order, from
     * the spool, with back-off), so gRPC's own retry — which would buffer every pushed batch
     * a second time — is off; the edge publishes no service config, so none is looked up in
     * DNS. Both also keep the agent's loaded classes, and so its memory, smaller.
     */
    private static ManagedChannel configured(OkHttpChannelBuilder builder) {
        return builder.maxInboundMessageSize(1 << 20)
                .disableRetry()
                .disableServiceConfigLookUp()
                .build();
    }

    /** Opens a new {@code Push} stream. */
    public PushSession openSession() {
        return new PushSession(stub);
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Sends {@code authorization: Bearer <token>} on every call. */
    private static final class BearerToken extends CallCredentials {
        private static final Metadata.Key<String> AUTHORIZATION =
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
        private final String token;

        BearerToken(String token) {
            this.token = token;
        }

        @Override
        public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
            try {
                Metadata headers = new Metadata();
                headers.put(AUTHORIZATION, "Bearer " + token);
                applier.apply(headers);
            } catch (RuntimeException e) {
                applier.fail(Status.UNAUTHENTICATED.withCause(e));
            }
        }
    }
}
