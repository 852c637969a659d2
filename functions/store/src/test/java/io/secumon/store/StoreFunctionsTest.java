package io.secumon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.micrometer.core.instrument.MeterRegistry;
import io.secumon.pipeline.topology.Destinations;
import io.secumon.pipeline.topology.Headers;
import io.secumon.proto.v1.SampleBatch;
import io.secumon.testing.RabbitServer;
import io.secumon.testing.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code store} wired by the real RabbitMQ binder to a real broker and database. */
// CleanUp is declared before @SpringBootTest's SpringExtension, so its afterAll runs after
// Spring closed the context (@DirtiesContext): consumers and pool are gone by then.
@ExtendWith(StoreFunctionsTest.CleanUp.class)
@SpringBootTest(classes = StoreApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class StoreFunctionsTest {

    private static final String PREFIX = TestServices.uniquePrefix();
    private static final RabbitServer RABBIT = TestServices.rabbit();
    // Empty: the application migrates it at start, as in production.
    private static final StoreDatabase DB = StoreDatabase.createEmpty();

    @Autowired
    MeterRegistry registry;
    @LocalServerPort
    int httpPort;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry properties) {
        properties.add("SECUMON_RABBIT_URI", RABBIT::uri);
        properties.add("SECUMON_DESTINATION_PREFIX", () -> PREFIX);
        properties.add("SECUMON_DB_URL", DB.database()::jdbcUrl);
        properties.add("SECUMON_DB_USER", DB.database()::username);
        properties.add("SECUMON_DB_PASSWORD", DB.database()::password);
        properties.add("SECUMON_STORE_HTTP_PORT", () -> "0");
    }

    static final class CleanUp implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext context) {
            RABBIT.deleteTopology(PREFIX, Map.of(Destinations.SAMPLES, List.of(Destinations.STORE_GROUP)));
            DB.close();
        }
    }

    @Test
    void store_writesEachBatchOnce_andDeadLettersGarbageWithoutStalling() throws Exception {
        StoreDatabase.Agent agent = DB.enrolAgent();
        long now = System.currentTimeMillis();
        SampleBatch first = new BatchBuilder(agent.tenant(), agent.agent(), now)
                .gauge("cpu.usage_percent", Map.of("core", "0"), 12.5, now)
                .counter("net.received_bytes", Map.of("interface", "eth0"), 4096, now)
                .build();
        SampleBatch later = new BatchBuilder(agent.tenant(), agent.agent(), now + 10_000)
                .gauge("cpu.usage_percent", Map.of("core", "0"), 20, now + 10_000)
                .build();

        try (Connection connection = RABBIT.connect(); Channel channel = connection.createChannel()) {
            publish(channel, first.toByteArray());
            publish(channel, first.toByteArray());
            publish(channel, "garbage".getBytes());
            publish(channel, later.toByteArray());

            String deadLetters = Destinations.deadLetterQueue(PREFIX, Destinations.SAMPLES, Destinations.STORE_GROUP);
            await().atMost(Duration.ofSeconds(30)).until(() -> channel.messageCount(deadLetters) == 1);
            assertThat(new String(channel.basicGet(deadLetters, true).getBody())).isEqualTo("garbage");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> batches("duplicate") == 1 && batches("stored") == 2);

        assertThat(DB.count("ingested_batches")).isEqualTo(2);
        assertThat(DB.count("samples")).isEqualTo(3);
        assertThat(DB.value("SELECT value FROM series_latest l JOIN series s ON s.id = l.series_id"
                + " WHERE s.metric = 'cpu.usage_percent'")).isEqualTo(20.0);
        assertThat(DB.value("SELECT status FROM agents")).isEqualTo("online");
        assertThat(registry.counter("secumon.store.poison").count()).as("dead-lettered without retries").isEqualTo(1);
        assertThat(registry.counter("secumon.store.samples").count()).isEqualTo(3);
        assertThat(get("/metrics")).contains("secumon_store_poison_total 1.0", "secumon_store_series_added_total 2.0",
                "secumon_store_batches_total{outcome=\"duplicate\"} 1.0");
        assertThat(get("/health")).contains("\"status\":\"UP\"");
    }

    private double batches(String outcome) {
        return registry.counter("secumon.store.batches", "outcome", outcome).count();
    }

    private static void publish(Channel channel, byte[] body) throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(Headers.CONTENT_TYPE)
                .deliveryMode(2)
                .build();
        channel.basicPublish(PREFIX + Destinations.SAMPLES, "", properties, body);
    }

    private String get(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            return response.body();
        }
    }
}
