package io.secumon.api.changes;

import io.r2dbc.spi.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The process's one listener for stored samples, shared by live metrics and the latest-values cache. */
@Configuration(proxyBeanMethods = false)
public class ChangesConfiguration {

    @Bean
    SampleNotifications sampleNotifications(ConnectionFactory connectionFactory) {
        return new SampleNotifications(connectionFactory);
    }
}
