package io.secumon.api.problem;

import java.util.Objects;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, rendered as RFC 7807 {@code application/problem+json} with
 * {@code type} = {@code https://secumon.io/problems/<slug>}, {@code title}, {@code status}
 * and {@code detail} (which says what was wrong and, where it helps, what is accepted).
 * Handlers throw it (or return {@code Mono.error}) and never build error bodies themselves.
 */
public final class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;

    public ApiProblem(HttpStatus status, String slug, String title, String detail) {
        super(detail);
        this.status = Objects.requireNonNull(status, "status");
        this.slug = Objects.requireNonNull(slug, "slug");
        this.title = Objects.requireNonNull(title, "title");
    }

    /** 400: a parameter or body the API cannot use; {@code detail} names it. */
    public static ApiProblem badRequest(String slug, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, slug, "Bad request", detail);
    }

    /** 404: no such resource for this tenant (another tenant's resource is also "not found"). */
    public static ApiProblem notFound(String what, String id) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " " + id + " does not exist");
    }

    /** 401: no credentials or credentials that do not authenticate. */
    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
    }

    /** 409: the request conflicts with the current state (a duplicate name, ...). */
    public static ApiProblem conflict(String slug, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, slug, "Conflict", detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
