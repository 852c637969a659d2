package io.secumon.api.problem;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.server.WebExceptionHandler;

/** Registers the problem renderer ahead of Spring Boot's error handler (order -1). */
@Configuration(proxyBeanMethods = false)
class ProblemConfiguration {

    @Bean
    @Order(-2)
    WebExceptionHandler problemExceptionHandler(ObjectProvider<RouterFunction<?>> routes,
                                                ServerCodecConfigurer codecs) {
        return new ProblemExceptionHandler(new AllowedMethods(routes, codecs), codecs);
    }
}
