package io.secumon.api.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The points of one series over a time range.
 *
 * @param query   index of the query in a multi-series request that matched it; absent otherwise
 * @param agentId the agent, in a multi-series request; absent otherwise (the path names it)
 * @param metric  canonical metric name
 * @param labels  the series' labels
 * @param points  in time order; never empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeriesRange(Integer query, @JsonProperty("agent_id") UUID agentId, String metric,
                          Map<String, String> labels, List<Point> points) {
}
