package io.secumon.edge.publish;

/** A batch was not confirmed by the broker: it is not safe and must not be acknowledged. */
public final class PublishException extends RuntimeException {

    /** Why; {@link #token()} names it in metrics. */
    public enum Reason {
        /** No queue is bound to the exchange (basic.return): nothing would consume it. */
        NO_ROUTE("no_route"),
        /** The broker refused the message (basic.nack). */
        NACK("nack"),
        /** No confirm arrived within the confirm timeout. */
        TIMEOUT("timeout"),
        /** The broker could not be reached or the connection or channel closed. */
        BROKER_UNAVAILABLE("broker_unavailable");

        private final String token;

        Reason(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    private final Reason reason;

    public PublishException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
