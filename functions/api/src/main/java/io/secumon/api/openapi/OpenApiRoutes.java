package io.secumon.api.openapi;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the hand-written OpenAPI 3 document at {@code GET /api/v1/openapi.yaml}, open
 * without a key so that tools can be pointed at it. Hand-written rather than generated: the
 * document is the contract, reviewed like code; {@code OpenApiDocumentTest} keeps it and
 * the routes in step.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiRoutes {

    /** Where the document is on the classpath. */
    static final String DOCUMENT = "openapi/secumon-api.yaml";

    /** The media type registered for YAML (RFC 9512). */
    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    @Bean
    RouterFunction<ServerResponse> openApiRouter() {
        Resource document = new ClassPathResource(DOCUMENT);
        return route(GET("/api/v1/openapi.yaml"), request -> ServerResponse.ok()
                .contentType(YAML)
                .body(BodyInserters.fromResource(document)));
    }
}
