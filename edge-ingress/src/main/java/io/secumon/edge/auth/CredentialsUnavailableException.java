package io.secumon.edge.auth;

/** The credential database could not be asked: the token is neither accepted nor refused. */
public final class CredentialsUnavailableException extends RuntimeException {

    CredentialsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
