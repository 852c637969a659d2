package io.secumon.api.problem;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Renders every error of every request, from authentication to handlers to routing, as
 * {@code application/problem+json}. Runs before Spring Boot's own error handler, which
 * would answer some errors in another format and put exception messages in bodies.
 */
final class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final AllowedMethods allowedMethods;
    private final ServerResponse.Context context;

    ProblemExceptionHandler(AllowedMethods allowedMethods, ServerCodecConfigurer codecs) {
        this.allowedMethods = allowedMethods;
        this.context = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return codecs.getWriters();
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        };
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error); // too late for a body: the connection is closed instead
        }
        Problem problem = ProblemClassifier.classify(error);
        if (problem == null && exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) != null) {
            // A handler ran and answered 404 itself: the route exists, so no 405 either.
            problem = new Problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "the resource does not exist");
        }
        Mono<Problem> resolved = problem != null ? Mono.just(problem) : notRouted(exchange);
        return resolved.doOnNext(p -> logged(exchange, p, error)).flatMap(p -> write(exchange, p));
    }

    private Mono<Problem> notRouted(ServerWebExchange exchange) {
        String request = exchange.getRequest().getMethod().name() + " " + exchange.getRequest().getPath().value();
        return allowedMethods.of(exchange).map(allowed -> {
            if (allowed.isEmpty()) {
                return new Problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "no route for " + request);
            }
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.ALLOW, String.join(", ", allowed));
            return new Problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
                    request + " is not supported; this path accepts " + String.join(", ", allowed), headers);
        });
    }

    private Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(problem.headers());
        if (problem.status().value() == HttpStatus.UNAUTHORIZED.value()) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return ServerResponse.status(problem.status())
                .headers(h -> h.addAll(headers))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(problem.body(exchange.getRequest().getPath().value()))
                .flatMap(response -> response.writeTo(exchange, context));
    }

    private static void logged(ServerWebExchange exchange, Problem problem, Throwable error) {
        int status = problem.status().value();
        if (status == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
            log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        } else if (status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            log.warn("{} {}: database unavailable: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), error.toString());
        }
    }
}
