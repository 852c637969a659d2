package io.secumon.api.metrics;

import io.secumon.api.ApiSettings;
import io.secumon.api.changes.SampleNotifications;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The metrics routes under {@code /api/v1}:
 * <ul>
 *   <li>{@code GET /agents/{id}/metrics/latest} — newest value of every series ({@code metric=} filters);</li>
 *   <li>{@code GET /agents/{id}/metrics/range} — series over {@code from}..{@code to} at a {@code resolution};</li>
 *   <li>{@code GET /agents/{id}/metrics/disk}, {@code /network}, {@code /processes} — dashboard views;</li>
 *   <li>{@code POST /metrics/query} — several series of several agents at once.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class MetricsRoutes {

    /** Also read by live metrics. */
    @Bean
    LatestValues latestValues(DatabaseClient database) {
        return new LatestValues(database);
    }

    @Bean(destroyMethod = "close")
    LatestCache latestCache(LatestValues latest, SampleNotifications notifications, ApiSettings settings) {
        return new LatestCache(latest, notifications, settings.latestCacheTtl());
    }

    @Bean
    RouterFunction<ServerResponse> metricsRouter(LatestCache latest, DatabaseClient database, Clock clock) {
        SeriesPoints points = new SeriesPoints(database);
        KnownAgents agents = new KnownAgents(database);
        MetricsHandler metrics = new MetricsHandler(latest, points, agents, clock);
        MetricViewsHandler views = new MetricViewsHandler(latest, agents);
        MetricQueryHandler query = new MetricQueryHandler(points, agents, clock);
        return RouterFunctions.route()
                .path("/api/v1", api -> api
                        .GET("/agents/{id}/metrics/latest", metrics::latest)
                        .GET("/agents/{id}/metrics/range", metrics::range)
                        .GET("/agents/{id}/metrics/disk", views::disk)
                        .GET("/agents/{id}/metrics/network", views::network)
                        .GET("/agents/{id}/metrics/processes", views::processes)
                        .POST("/metrics/query", query::query))
                .build();
    }
}
