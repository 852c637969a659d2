package io.secumon.api.live;

import io.secumon.api.changes.SampleNotifications;
import io.secumon.api.metrics.KnownAgents;
import io.secumon.api.metrics.LatestValues;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;

/**
 * Live metrics over WebSocket at {@code /ws/metrics/{agentId}} (messages: {@link LiveMessages}),
 * fed by the process's one {@code LISTEN secumon_samples} connection.
 */
@Configuration(proxyBeanMethods = false)
public class LiveRoutes {

    private static final Logger log = LoggerFactory.getLogger(LiveRoutes.class);

    @Bean
    LiveSettings liveSettings(Environment environment) {
        LiveSettings settings = LiveSettings.from(environment::getProperty);
        log.info("live metrics at {}: WebSocket ping every {}", LiveUpgrade.PATH, settings.pingInterval());
        return settings;
    }

    @Bean
    LiveFeeds liveFeeds(SampleNotifications notifications, LatestValues latest) {
        return new LiveFeeds(notifications, latest);
    }

    @Bean
    HandshakeWebSocketService liveHandshake() {
        return new HandshakeWebSocketService();
    }

    /** Ahead of every other mapping: nothing else may answer on the WebSocket's path. */
    @Bean
    HandlerMapping liveMetricsMapping(LiveFeeds feeds, LatestValues latest, LiveSettings settings,
                                      HandshakeWebSocketService liveHandshake, DatabaseClient database) {
        LiveUpgrade upgrade = new LiveUpgrade(new KnownAgents(database), liveHandshake,
                new LiveSession(feeds, latest, settings));
        return new SimpleUrlHandlerMapping(Map.of(LiveUpgrade.PATH, upgrade), Ordered.HIGHEST_PRECEDENCE);
    }
}
