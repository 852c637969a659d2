package io.secumon.api.problem;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import java.net.ConnectException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;

/**
 * Says which problem an error is. Only {@link ApiProblem}s carry a detail written for
 * clients; for everything else the detail is generic, so that no exception message (SQL,
 * class names, stack frames) ever reaches a response body.
 */
final class ProblemClassifier {

    private ProblemClassifier() {
    }

    /** The problem for {@code error}, or null when it is a 404 from routing (the caller decides 404 or 405). */
    static Problem classify(Throwable error) {
        if (error instanceof ApiProblem problem) {
            return Problem.of(problem);
        }
        if (causedBy(error, DataBufferLimitException.class)) {
            return new Problem(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Payload too large",
                    "the request body is larger than the api accepts");
        }
        if (error instanceof ServerWebInputException input) {
            if (causedBy(error, DecodingException.class) || causedBy(error, JacksonException.class)) {
                return new Problem(HttpStatus.BAD_REQUEST, "malformed-json", "Bad request",
                        "the request body is not well-formed JSON of the shape this endpoint reads");
            }
            return new Problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad request",
                    input.getReason() != null ? input.getReason() : "the request cannot be read");
        }
        if (error instanceof ResponseStatusException status) {
            if (status.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
                return null;
            }
            return generic(status.getStatusCode(), status.getHeaders());
        }
        if (isDatabaseUnavailable(error)) {
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Service unavailable",
                    "the database is unavailable; retry later");
        }
        return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal server error",
                "an unexpected error occurred; it has been logged");
    }

    /**
     * Whether the error says the database cannot serve now (unreachable, restarting, no pooled
     * connection in time, a transient failure): worth a retry, unlike a query that is wrong.
     */
    static boolean isDatabaseUnavailable(Throwable error) {
        return causedBy(error, DataAccessResourceFailureException.class)
                || causedBy(error, TransientDataAccessException.class)
                || causedBy(error, R2dbcTransientException.class)
                || causedBy(error, R2dbcNonTransientResourceException.class)
                || causedBy(error, TimeoutException.class)
                || causedBy(error, ConnectException.class);
    }

    /** A problem named after the status itself, e.g. 415 {@code unsupported-media-type}. */
    private static Problem generic(HttpStatusCode code, HttpHeaders headers) {
        HttpStatus status = HttpStatus.resolve(code.value());
        String title = status != null ? status.getReasonPhrase() : "Error " + code.value();
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        HttpHeaders copy = new HttpHeaders();
        copy.addAll(headers);
        String detail = switch (code.value()) {
            case 415 -> "the request body must be JSON (Content-Type: application/json)";
            case 406 -> "the api answers with JSON (application/json, problems as application/problem+json)";
            default -> "the request was refused: " + title.toLowerCase(Locale.ROOT);
        };
        return new Problem(code, slug, title, detail, copy);
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
