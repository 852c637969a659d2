package io.secumon.edge.config;

import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the edge secures its gRPC port: plaintext (TLS terminated in front, or a trusted
 * network), TLS with the edge's certificate, or mutual TLS when a client CA is given —
 * then an agent must also present a certificate that CA signed, besides its token.
 *
 * @param cert     PEM certificate chain of the edge ({@code SECUMON_EDGE_TLS_CERT})
 * @param key      PEM PKCS#8 private key of that certificate ({@code SECUMON_EDGE_TLS_KEY})
 * @param clientCa PEM CA certificates that sign agent certificates ({@code SECUMON_EDGE_TLS_CLIENT_CA})
 */
public record EdgeTls(Optional<Path> cert, Optional<Path> key, Optional<Path> clientCa) {

    public static final String CERT = "SECUMON_EDGE_TLS_CERT";
    public static final String KEY = "SECUMON_EDGE_TLS_KEY";
    public static final String CLIENT_CA = "SECUMON_EDGE_TLS_CLIENT_CA";

    public EdgeTls {
        if (cert.isPresent() != key.isPresent()) {
            throw new InvalidConfigException(cert.isPresent() ? KEY : CERT,
                    "must be set together with " + (cert.isPresent() ? CERT : KEY));
        }
        if (clientCa.isPresent() && cert.isEmpty()) {
            throw new InvalidConfigException(CLIENT_CA, "mutual TLS needs the edge's own " + CERT + " and " + KEY);
        }
        readable(CERT, cert);
        readable(KEY, key);
        readable(CLIENT_CA, clientCa);
    }

    /** Plaintext. */
    public static EdgeTls none() {
        return new EdgeTls(Optional.empty(), Optional.empty(), Optional.empty());
    }

    static EdgeTls fromEnvironment(Environment env) {
        return new EdgeTls(path(env, CERT), path(env, KEY), path(env, CLIENT_CA));
    }

    /** gRPC server credentials for this setting. */
    public ServerCredentials credentials() {
        if (cert.isEmpty()) {
            return InsecureServerCredentials.create();
        }
        try {
            TlsServerCredentials.Builder tls = TlsServerCredentials.newBuilder()
                    .keyManager(cert.get().toFile(), key.get().toFile());
            if (clientCa.isPresent()) {
                tls.trustManager(clientCa.get().toFile()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
            }
            return tls.build();
        } catch (IOException | RuntimeException e) {
            throw new InvalidConfigException(CERT, "cannot load the TLS certificate/key (" + e.getMessage()
                    + "); expected PEM files, the key in PKCS#8");
        }
    }

    /** For the start-up log. */
    public String describe() {
        return cert.isEmpty() ? "plaintext" : clientCa.isPresent() ? "mutual TLS" : "TLS";
    }

    private static Optional<Path> path(Environment env, String name) {
        return Optional.ofNullable(env.text(name, null)).map(Path::of);
    }

    private static void readable(String name, Optional<Path> file) {
        if (file.isPresent() && !(Files.isRegularFile(file.get()) && Files.isReadable(file.get()))) {
            throw new InvalidConfigException(name, "'" + file.get() + "' is not a readable file");
        }
    }
}
