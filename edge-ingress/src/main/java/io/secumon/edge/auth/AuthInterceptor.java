package io.secumon.edge.auth;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.secumon.edge.metrics.EdgeMetrics;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a call only with metadata {@code authorization: Bearer <token>} naming an enrolled,
 * unrevoked credential of an agent that is not disabled, and hands the service the
 * verified {@link AgentPrincipal} through {@link #PRINCIPAL}. Refusals close the call with
 * UNAUTHENTICATED; an unreachable credential database with UNAVAILABLE (retry later).
 */
public final class AuthInterceptor implements ServerInterceptor {

    /** The caller's verified identity, set for every call this interceptor admits. */
    public static final Context.Key<AgentPrincipal> PRINCIPAL = Context.key("secumon-agent-principal");

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";
    private static final Logger log = LoggerFactory.getLogger(AuthInterceptor.class);

    private final CredentialVerifier verifier;
    private final EdgeMetrics metrics;

    public AuthInterceptor(CredentialVerifier verifier, EdgeMetrics metrics) {
        this.verifier = verifier;
        this.metrics = metrics;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String header = headers.get(AUTHORIZATION);
        if (header == null) {
            return refuse(call, "missing_token", Status.UNAUTHENTICATED.withDescription(
                    "missing 'authorization: Bearer <token>' metadata"));
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length()) || header.substring(BEARER.length()).isBlank()) {
            return refuse(call, "malformed_token", Status.UNAUTHENTICATED.withDescription(
                    "malformed authorization metadata: expected 'Bearer <token>'"));
        }
        Optional<AgentPrincipal> principal;
        try {
            principal = verifier.verify(header.substring(BEARER.length()).trim());
        } catch (CredentialsUnavailableException e) {
            log.warn("refusing a call: {}", e.getMessage());
            return refuse(call, "credentials_unavailable", Status.UNAVAILABLE.withDescription(
                    "cannot verify the token now (credential database unreachable); retry later"));
        }
        if (principal.isEmpty()) {
            return refuse(call, "unknown_token", Status.UNAUTHENTICATED.withDescription(
                    "unknown or revoked token, or the agent is disabled"));
        }
        Context context = Context.current().withValue(PRINCIPAL, principal.get());
        return Contexts.interceptCall(context, call, headers, next);
    }

    private <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String reason, Status status) {
        metrics.authFailed(reason);
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
