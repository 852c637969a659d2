package io.secumon.api.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/**
 * One RFC 7807 problem as the api sends it: {@code type} is
 * {@code https://secumon.io/problems/<slug>}, {@code instance} the request path. Extra
 * headers travel with it ({@code Allow} on 405, {@code WWW-Authenticate} on 401).
 */
record Problem(HttpStatusCode status, String slug, String title, String detail, HttpHeaders headers) {

    /** Where problem types are documented; the slug completes the URL. */
    static final String TYPE_BASE = "https://secumon.io/problems/";

    Problem(HttpStatusCode status, String slug, String title, String detail) {
        this(status, slug, title, detail, new HttpHeaders());
    }

    static Problem of(ApiProblem problem) {
        return new Problem(problem.status(), problem.slug(), problem.title(), problem.detail());
    }

    URI type() {
        return URI.create(TYPE_BASE + slug);
    }

    /** The JSON body, members in the order RFC 7807 lists them. */
    Map<String, Object> body(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type().toString());
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", instance);
        return body;
    }
}
