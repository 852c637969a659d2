package io.secumon.edge.config;

/** A configuration variable has a value the edge cannot run with; the message names it. */
public final class InvalidConfigException extends IllegalArgumentException {

    private final String variable;

    InvalidConfigException(String variable, String problem) {
        super(variable + ": " + problem);
        this.variable = variable;
    }

    /** The environment variable at fault, e.g. {@code SECUMON_EDGE_GRPC_PORT}. */
    public String variable() {
        return variable;
    }
}
