package io.secumon.pipeline.poison;

/**
 * A message that can never be processed, whatever the number of attempts: malformed
 * payload, missing or invalid headers. Bindings list this type as non-retryable, so the
 * binder dead-letters such a message at once instead of retrying it.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
