package io.secumon.api.metrics;

import io.secumon.api.ApiApplication;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The metrics routes through the running api: real authentication with an API key, data
 * stored by the real store function, one database of this class's own.
 */
@SpringBootTest(classes = ApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its pool and LISTEN connection must not outlive this class's database
class MetricsApiTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class DropDatabaseAfterwards {
        /** Dropped when the context closes, after the api let go of its connections. */
        @Bean(destroyMethod = "close")
        MetricsTestData metricsTestData() {
            return data;
        }
    }

    private static final MetricsTestData data = MetricsTestData.create();
    private static final MetricsTestData.Enrolled acme = data.enrol();
    private static final MetricsTestData.Enrolled other = data.enrol();
    private static final UUID quiet = data.addAgent(acme.tenant()); // enrolled, never sent anything
    private static final UUID second = data.addAgent(acme.tenant());

    /** Two hours of cpu.usage_percent at one sample a minute, valued 0..119, ending an hour ago. */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
    private static final Instant LAST = T0.plus(Duration.ofMinutes(119));

    @LocalServerPort
    int port;

    WebTestClient client;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        data.register(registry);
    }

    @BeforeAll
    static void storeSamples() {
        MetricsTestData.Batch cpu = MetricsTestData.batch(acme.tenant(), acme.agent());
        for (int minute = 0; minute < 120; minute++) {
            cpu.gauge("cpu.usage_percent", minute, T0.plus(Duration.ofMinutes(minute)));
        }
        data.write(cpu.build());

        Map<String, String> root = Map.of("mount", "/", "device", "/dev/sda1", "type", "ext4");
        Map<String, String> usb = Map.of("mount", "/mnt/usb", "device", "/dev/sdc1", "type", "vfat");
        Map<String, String> java = Map.of("pid", "4242", "name", "java", "user", "secumon");
        Map<String, String> gone = Map.of("pid", "66", "name", "make", "user", "dev");
        // An earlier collection: a USB disk mounted and a build running, both gone since.
        data.write(MetricsTestData.batch(acme.tenant(), acme.agent())
                .gauge("filesystem.total_bytes", usb, 8e9, LAST.minusSeconds(60))
                .gauge("process.cpu_percent", gone, 99, LAST.minusSeconds(60))
                .gauge("process.rss_bytes", gone, 1e8, LAST.minusSeconds(60))
                .build());
        data.write(MetricsTestData.batch(acme.tenant(), acme.agent())
                .gauge("memory.used_percent", 42.5, LAST)
                .gauge("filesystem.total_bytes", root, 100e9, LAST)
                .gauge("filesystem.used_bytes", root, 40e9, LAST)
                .gauge("filesystem.used_percent", root, 40, LAST)
                .gauge("disk.read_bytes_per_second", Map.of("device", "sda"), 4096, LAST)
                .gauge("disk.busy_percent", Map.of("device", "sda"), 2.5, LAST)
                .gauge("net.received_bytes_per_second", Map.of("interface", "eth0"), 1500, LAST)
                .gauge("net.sent_bytes_per_second", Map.of("interface", "eth0"), 700, LAST)
                .gauge("net.tcp_connections", Map.of("state", "established"), 12, LAST)
                .gauge("net.tcp_connections", Map.of("state", "time_wait"), 3, LAST)
                .gauge("process.count", Map.of("state", "running"), 2, LAST)
                .gauge("process.count", Map.of("state", "sleeping"), 180, LAST)
                .gauge("process.cpu_percent", java, 150, LAST)
                .gauge("process.rss_bytes", java, 2e9, LAST)
                .build());
        data.write(MetricsTestData.batch(acme.tenant(), second)
                .gauge("cpu.usage_percent", 7, T0)
                .gauge("filesystem.used_percent", Map.of("mount", "/", "device", "vda1", "type", "xfs"), 10, T0)
                .gauge("filesystem.used_percent", Map.of("mount", "/var", "device", "vda2", "type", "xfs"), 90, T0)
                .build());
        data.write(MetricsTestData.batch(other.tenant(), other.agent())
                .gauge("cpu.usage_percent", 99, T0)
                .build());
    }

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + acme.apiKey())
                .build();
    }

    private WebTestClient.ResponseSpec get(String path) {
        return client.get().uri(path).exchange();
    }

    private static String agentPath(UUID agent, String rest) {
        return "/api/v1/agents/" + agent + "/metrics/" + rest;
    }

    private static void problem(WebTestClient.ResponseSpec response, int status, String slug) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://secumon.io/problems/" + slug)
                .jsonPath("$.status").isEqualTo(status);
    }

    @Test
    void latest_returnsTheNewestValueOfEverySeriesOrderedByMetric() {
        get(agentPath(acme.agent(), "latest")).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.agent_id").isEqualTo(acme.agent().toString())
                .jsonPath("$.items.length()").isEqualTo(18)
                .jsonPath("$.items[0].metric").isEqualTo("cpu.usage_percent")
                .jsonPath("$.items[0].labels").isEmpty()
                .jsonPath("$.items[0].value").isEqualTo(119.0)
                .jsonPath("$.items[0].timestamp").isEqualTo(LAST.toString())
                .jsonPath("$.items[?(@.metric == 'memory.used_percent')].value").isEqualTo(42.5)
                .jsonPath("$.items[?(@.metric == 'disk.busy_percent')].labels.device").isEqualTo("sda");
    }

    @Test
    void latest_filtersByExactNamesAndPrefixes() {
        get(agentPath(acme.agent(), "latest?metric=memory.used_percent&metric=net.tcp_*"))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[*].metric").isEqualTo(List.of("memory.used_percent", "net.tcp_connections",
                        "net.tcp_connections"))
                .jsonPath("$.items[1].labels.state").isEqualTo("established");
    }

    @Test
    void latest_ofAnAgentThatSentNothingIsEmpty() {
        get(agentPath(quiet, "latest")).expectStatus().isOk()
                .expectBody().jsonPath("$.items").isEmpty();
    }

    @Test
    void latest_ofAnUnknownAgentIsNotFound() {
        problem(get(agentPath(UUID.randomUUID(), "latest")), 404, "not-found");
    }

    @Test
    void everyRoute_treatsAnotherTenantsAgentAsUnknown() {
        for (String route : List.of("latest", "range", "disk", "network", "processes")) {
            problem(get(agentPath(other.agent(), route)), 404, "not-found");
        }
    }

    @Test
    void everyRoute_rejectsAMalformedAgentId() {
        for (String route : List.of("latest", "range", "disk", "network", "processes")) {
            problem(get("/api/v1/agents/not-a-uuid/metrics/" + route), 400, "malformed-id");
        }
    }

    @Test
    void latest_rejectsABadMetricFilter() {
        problem(get(agentPath(acme.agent(), "latest?metric=CPU%25")), 400, "bad-metric");
    }

    @Test
    void routes_needAnApiKey() {
        WebTestClient anonymous = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        anonymous.get().uri(agentPath(acme.agent(), "latest")).exchange().expectStatus().isUnauthorized();
        anonymous.post().uri("/api/v1/metrics/query").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void range_returnsRawSamplesForShortRangesBothEndsIncluded() {
        Instant to = T0.plus(Duration.ofMinutes(30));
        get(agentPath(acme.agent(), "range?metric=cpu.usage_percent&from=" + T0 + "&to=" + to))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.agent_id").isEqualTo(acme.agent().toString())
                .jsonPath("$.resolution").isEqualTo("raw")
                .jsonPath("$.from").isEqualTo(T0.toString())
                .jsonPath("$.series.length()").isEqualTo(1)
                .jsonPath("$.series[0].metric").isEqualTo("cpu.usage_percent")
                .jsonPath("$.series[0].points.length()").isEqualTo(31)
                .jsonPath("$.series[0].points[0].timestamp").isEqualTo(T0.toString())
                .jsonPath("$.series[0].points[30].value").isEqualTo(30.0)
                .jsonPath("$.series[0].points[0].min").doesNotExist();
    }

    @Test
    void range_aggregatesFiveMinuteBucketsWithAverageMinimumAndMaximum() {
        get(agentPath(acme.agent(), "range?metric=cpu.usage_percent&resolution=5m&from=" + T0 + "&to=" + LAST))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.resolution").isEqualTo("5m")
                .jsonPath("$.series[0].points.length()").isEqualTo(24)
                .jsonPath("$.series[0].points[0].timestamp").isEqualTo(T0.toString())
                .jsonPath("$.series[0].points[0].value").isEqualTo(2.0)
                .jsonPath("$.series[0].points[0].min").isEqualTo(0.0)
                .jsonPath("$.series[0].points[0].max").isEqualTo(4.0)
                .jsonPath("$.series[0].points[23].timestamp").isEqualTo(T0.plus(Duration.ofMinutes(115)).toString())
                .jsonPath("$.series[0].points[23].value").isEqualTo(117.0);
    }

    @Test
    void range_aggregatedPointsAreWholeBuckets_fromTheOneHoldingFromToTheOneHoldingTo() {
        // 07:00 and 12:00 after T0 lie inside the 05:00 and 10:00 buckets (values 5..9 and 10..14).
        Instant from = T0.plus(Duration.ofMinutes(7));
        Instant to = T0.plus(Duration.ofMinutes(12));
        get(agentPath(acme.agent(), "range?metric=cpu.usage_percent&resolution=5m&from=" + from + "&to=" + to))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.series[0].points.length()").isEqualTo(2)
                .jsonPath("$.series[0].points[0].timestamp").isEqualTo(T0.plus(Duration.ofMinutes(5)).toString())
                .jsonPath("$.series[0].points[0].min").isEqualTo(5.0)
                .jsonPath("$.series[0].points[0].value").isEqualTo(7.0)
                .jsonPath("$.series[0].points[1].timestamp").isEqualTo(T0.plus(Duration.ofMinutes(10)).toString())
                .jsonPath("$.series[0].points[1].max").isEqualTo(14.0);
    }

    @Test
    void range_autoUsesHourlyBucketsBeyondTwoDays() {
        get(agentPath(acme.agent(), "range?metric=cpu.usage_percent&from=-3d"))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.resolution").isEqualTo("1h")
                .jsonPath("$.series[0].points.length()").isEqualTo(2)
                .jsonPath("$.series[0].points[0].timestamp").isEqualTo(T0.toString())
                .jsonPath("$.series[0].points[0].value").isEqualTo(29.5)
                .jsonPath("$.series[0].points[1].min").isEqualTo(60.0)
                .jsonPath("$.series[0].points[1].max").isEqualTo(119.0);
    }

    @Test
    void range_defaultsToTheLastHourOfEverySeries() {
        // The samples ended an hour ago or earlier: nothing in the default range.
        get(agentPath(acme.agent(), "range")).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.resolution").isEqualTo("raw")
                .jsonPath("$.series").isEmpty();
        get(agentPath(acme.agent(), "range?from=-4h&metric=filesystem.*")).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.resolution").isEqualTo("5m")
                .jsonPath("$.series[*].labels.mount").isEqualTo(List.of("/", "/mnt/usb", "/", "/"));
    }

    @Test
    void range_rejectsBadTimesRangesAndResolutions() {
        problem(get(agentPath(acme.agent(), "range?from=yesterday")), 400, "bad-time");
        problem(get(agentPath(acme.agent(), "range?from=-1h&to=-2h")), 400, "bad-time-range");
        problem(get(agentPath(acme.agent(), "range?from=-32d")), 400, "bad-time-range");
        problem(get(agentPath(acme.agent(), "range?resolution=1d")), 400, "bad-resolution");
        problem(get(agentPath(acme.agent(), "range?metric=*cpu")), 400, "bad-metric");
    }

    @Test
    void disk_showsCurrentFileSystemsAndDevices() {
        get(agentPath(acme.agent(), "disk")).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.agent_id").isEqualTo(acme.agent().toString())
                .jsonPath("$.filesystems.length()").isEqualTo(1)
                .jsonPath("$.filesystems[0].mount").isEqualTo("/")
                .jsonPath("$.filesystems[0].device").isEqualTo("/dev/sda1")
                .jsonPath("$.filesystems[0].type").isEqualTo("ext4")
                .jsonPath("$.filesystems[0].total_bytes").isEqualTo(100e9)
                .jsonPath("$.filesystems[0].used_percent").isEqualTo(40.0)
                .jsonPath("$.filesystems[0].timestamp").isEqualTo(LAST.toString())
                .jsonPath("$.disks[0].device").isEqualTo("sda")
                .jsonPath("$.disks[0].read_bytes_per_second").isEqualTo(4096.0)
                .jsonPath("$.disks[0].busy_percent").isEqualTo(2.5);
    }

    @Test
    void network_showsInterfacesAndTcpStates() {
        get(agentPath(acme.agent(), "network")).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.interfaces.length()").isEqualTo(1)
                .jsonPath("$.interfaces[0].interface").isEqualTo("eth0")
                .jsonPath("$.interfaces[0].received_bytes_per_second").isEqualTo(1500.0)
                .jsonPath("$.interfaces[0].sent_bytes_per_second").isEqualTo(700.0)
                .jsonPath("$.tcp.states.established").isEqualTo(12)
                .jsonPath("$.tcp.states.time_wait").isEqualTo(3)
                .jsonPath("$.tcp.total").isEqualTo(15)
                .jsonPath("$.tcp.timestamp").isEqualTo(LAST.toString());
    }

    @Test
    void processes_showsStatesAndTheCurrentTopProcesses() {
        get(agentPath(acme.agent(), "processes")).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.states.running").isEqualTo(2)
                .jsonPath("$.states.sleeping").isEqualTo(180)
                .jsonPath("$.total").isEqualTo(182)
                .jsonPath("$.timestamp").isEqualTo(LAST.toString())
                .jsonPath("$.top.length()").isEqualTo(1)
                .jsonPath("$.top[0].pid").isEqualTo(4242)
                .jsonPath("$.top[0].name").isEqualTo("java")
                .jsonPath("$.top[0].user").isEqualTo("secumon")
                .jsonPath("$.top[0].cpu_percent").isEqualTo(150.0)
                .jsonPath("$.top[0].rss_bytes").isEqualTo(2e9);
    }

    @Test
    void views_ofAnAgentThatSentNothingAreEmpty() {
        get(agentPath(quiet, "processes")).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.total").isEqualTo(0)
                .jsonPath("$.top").isEmpty()
                .jsonPath("$.timestamp").isEmpty();
    }

    private WebTestClient.ResponseSpec query(Object body) {
        return client.post().uri("/api/v1/metrics/query").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange();
    }

    @Test
    void query_readsSeveralSeriesOfSeveralAgentsAtOnce() {
        query(Map.of("from", T0.toString(), "to", LAST.toString(), "resolution", "1h", "queries", List.of(
                Map.of("agent_id", acme.agent().toString(), "metric", "cpu.usage_percent"),
                Map.of("agent_id", second.toString(), "metric", "cpu.usage_percent"),
                Map.of("agent_id", second.toString(), "metric", "filesystem.*", "labels", Map.of("mount", "/var")))))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.resolution").isEqualTo("1h")
                .jsonPath("$.from").isEqualTo(T0.toString())
                .jsonPath("$.series.length()").isEqualTo(3)
                .jsonPath("$.series[0].query").isEqualTo(0)
                .jsonPath("$.series[0].agent_id").isEqualTo(acme.agent().toString())
                .jsonPath("$.series[0].points[0].value").isEqualTo(29.5)
                .jsonPath("$.series[1].query").isEqualTo(1)
                .jsonPath("$.series[1].agent_id").isEqualTo(second.toString())
                .jsonPath("$.series[1].points[0].value").isEqualTo(7.0)
                .jsonPath("$.series[2].query").isEqualTo(2)
                .jsonPath("$.series[2].metric").isEqualTo("filesystem.used_percent")
                .jsonPath("$.series[2].labels.mount").isEqualTo("/var")
                .jsonPath("$.series[2].points[0].value").isEqualTo(90.0);
    }

    @Test
    void query_ofAKnownAgentWithoutMatchingDataIsEmpty() {
        query(Map.of("queries", List.of(Map.of("agent_id", quiet.toString(), "metric", "cpu.usage_percent"))))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.series").isEmpty();
    }

    @Test
    void query_treatsAnotherTenantsAgentAsUnknown() {
        problem(query(Map.of("from", T0.toString(), "queries", List.of(
                Map.of("agent_id", acme.agent().toString(), "metric", "cpu.usage_percent"),
                Map.of("agent_id", other.agent().toString(), "metric", "cpu.usage_percent")))), 404, "not-found");
    }

    @Test
    void query_rejectsBadQueries() {
        Map<String, String> one = Map.of("agent_id", acme.agent().toString(), "metric", "cpu.usage_percent");
        problem(query(Map.of("queries", Collections.nCopies(51, one))), 400, "too-many-queries");
        problem(query(Map.of("queries", List.of())), 400, "bad-query");
        problem(query(Map.of("from", "-1h")), 400, "bad-query");
        problem(query(Map.of("queries", List.of(Map.of("agent_id", "42", "metric", "cpu.usage_percent")))),
                400, "malformed-id");
        problem(query(Map.of("queries", List.of(Map.of("agent_id", acme.agent().toString())))), 400, "bad-query");
        problem(query(Map.of("queries", List.of(one), "to", "soon")), 400, "bad-time");
        problem(query(Map.of("queries", List.of(one), "resolution", "10s")), 400, "bad-resolution");
    }

    @Test
    void query_withoutABodyIsABadRequest() {
        WebTestClient.ResponseSpec response = client.post().uri("/api/v1/metrics/query")
                .contentType(MediaType.APPLICATION_JSON).exchange();
        problem(response, 400, "bad-query");
    }
}
