package io.secumon.edge.validate;

/**
 * Why a batch cannot be accepted.
 *
 * @param kind    {@link Kind#INVALID} when the batch itself is wrong (the agent should drop
 *                it), {@link Kind#FORBIDDEN} when it speaks for another agent
 * @param reason  a short fixed token for metrics, e.g. {@code too_many_samples}
 * @param message for the agent's operator: names the batch id and the problem
 */
public record Rejection(Kind kind, String reason, String message) {

    public enum Kind { INVALID, FORBIDDEN }
}
