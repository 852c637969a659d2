package io.secumon.agent.ship;

import io.grpc.ChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS to the edge: the server is verified against {@code ca} (PEM) when given, else the
 * JDK's trust store; with {@code clientCert} and {@code clientKey} (PEM, key in PKCS#8)
 * the agent also proves itself with a certificate (mutual TLS).
 */
public record TlsFiles(Optional<Path> clientCert, Optional<Path> clientKey, Optional<Path> ca) {

    public TlsFiles {
        if (clientCert.isPresent() != clientKey.isPresent()) {
            throw new IllegalArgumentException("a client certificate and its key go together");
        }
    }

    /** Server TLS with the JDK's trust store, no client certificate. */
    public static TlsFiles systemTrust() {
        return new TlsFiles(Optional.empty(), Optional.empty(), Optional.empty());
    }

    ChannelCredentials credentials() {
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
        try {
            if (ca.isPresent()) {
                tls.trustManager(ca.get().toFile());
            }
            if (clientCert.isPresent()) {
                tls.keyManager(clientCert.get().toFile(), clientKey.get().toFile());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot load TLS files: " + e.getMessage(), e);
        }
        return tls.build();
    }
}
