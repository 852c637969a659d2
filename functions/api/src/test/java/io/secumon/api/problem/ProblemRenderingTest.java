package io.secumon.api.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.DELETE;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.secumon.api.ApiIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

class ProblemRenderingTest extends ApiIntegrationTest {

    /** Routes that fail the ways handlers can: only in this test's context. */
    @TestConfiguration
    static class FailingRoutes {

        @Bean
        RouterFunction<ServerResponse> failingRouter() {
            return route(GET("/api/v1/test/crash"), request -> {
                throw new IllegalStateException("connection string postgres://admin:hunter2@db");
            }).andRoute(GET("/api/v1/test/crash-later"),
                    request -> Mono.error(new NullPointerException("SELECT secret FROM internals")))
                    .andRoute(GET("/api/v1/test/gone"),
                            request -> Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "gone at /srv/x")))
                    .andRoute(DELETE("/api/v1/test/gone"), request -> ServerResponse.noContent().build());
        }
    }

    private WebTestClient client;

    @BeforeAll
    void key() {
        client = as(issueKey("problems").key());
    }

    @Test
    void unknownRoute_isNotFoundProblem() {
        Map<String, Object> body = expectProblem(client.get().uri("/api/v1/nothing-here").exchange(),
                HttpStatus.NOT_FOUND, "not-found", "/api/v1/nothing-here");

        assertThat(body).containsEntry("title", "Not found")
                .containsEntry("detail", "no route for GET /api/v1/nothing-here");
    }

    @Test
    void wrongMethod_isMethodNotAllowedProblem_withAllowHeader() {
        WebTestClient.ResponseSpec response = client.put().uri("/api/v1/agents")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();

        expectProblem(response, HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "/api/v1/agents");
        response.expectHeader().valueEquals(HttpHeaders.ALLOW, "GET, POST");
    }

    @Test
    void notFoundFromAHandler_staysNotFound_evenWhereOtherMethodsAreRouted() {
        Map<String, Object> body = expectProblem(client.get().uri("/api/v1/test/gone").exchange(),
                HttpStatus.NOT_FOUND, "not-found", "/api/v1/test/gone");

        assertThat(body.get("detail")).asString().doesNotContain("/srv/x");
    }

    @Test
    void malformedJson_isBadRequestProblem() {
        expectProblem(client.post().uri("/api/v1/agents").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"x\",,}").exchange(), HttpStatus.BAD_REQUEST, "malformed-json", "/api/v1/agents");
    }

    @Test
    void bodyOfAnotherMediaType_isUnsupportedMediaTypeProblem() {
        expectProblem(client.post().uri("/api/v1/agents").contentType(MediaType.TEXT_PLAIN)
                .bodyValue("name=x").exchange(), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "/api/v1/agents");
    }

    @Test
    void unexpectedFailures_areInternalErrorProblems_revealingNothing() {
        for (String path : new String[] {"/api/v1/test/crash", "/api/v1/test/crash-later"}) {
            Map<String, Object> body = expectProblem(client.get().uri(path).exchange(),
                    HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", path);

            assertThat(body.toString()).doesNotContain("hunter2", "secret", "Exception", "SELECT", "at io.");
            assertThat(body).containsOnlyKeys("type", "title", "status", "detail", "instance");
        }
    }
}
