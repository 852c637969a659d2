package io.secumon.api;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Registers the checked settings, the clock every resource reads time from, and the keep-alive workaround. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApiConfiguration.class);

    /**
     * Checks the configuration before any other bean is created (post-processors come
     * first), so a bad setting stops start-up with a message naming its variable rather
     * than a connection error from the pool or Flyway.
     */
    @Bean
    static BeanFactoryPostProcessor apiSettingsCheck(Environment environment) {
        ApiSettings settings = ApiSettings.from(environment::getProperty);
        log.info("api configured: {}", settings.describe());
        if (!settings.database().jdbcOnlyParameters().isEmpty()) {
            log.info("SECUMON_DB_URL parameters {} apply to JDBC (migrations) only, not to R2DBC",
                    settings.database().jdbcOnlyParameters());
        }
        return beanFactory -> beanFactory.registerSingleton("apiSettings", settings);
    }

    @Bean
    AnsweredOffTheEventLoop answeredOffTheEventLoop() {
        return new AnsweredOffTheEventLoop();
    }

    /** Injected so that tests can pin "now" (agent online/offline, relative times). */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
