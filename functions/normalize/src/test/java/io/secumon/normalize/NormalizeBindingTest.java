package io.secumon.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.secumon.pipeline.batch.MetricBatchBuilder;
import io.secumon.pipeline.topology.Destinations;
import io.secumon.pipeline.topology.Headers;
import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.SampleBatch;
import io.secumon.testing.RabbitServer;
import io.secumon.testing.TestServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** normalize wired by the real RabbitMQ binder to a real broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class NormalizeBindingTest {

    private static final String PREFIX = TestServices.uniquePrefix();
    private static final RabbitServer RABBIT = TestServices.rabbit();

    @Autowired
    MeterRegistry registry;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry properties) {
        properties.add("SECUMON_RABBIT_URI", RABBIT::uri);
        properties.add("SECUMON_DESTINATION_PREFIX", () -> PREFIX);
    }

    @AfterAll
    static void cleanUp() {
        RABBIT.deleteTopology(PREFIX, Map.of(
                Destinations.INGEST, List.of(Destinations.NORMALIZE_GROUP),
                Destinations.SAMPLES, List.of(Destinations.STORE_GROUP)));
    }

    @Test
    void normalize_publishesCanonicalSamples_andDeadLettersGarbageWithoutStalling() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        long now = System.currentTimeMillis();
        MetricBatch raw = new MetricBatchBuilder(AgentIdentity.newBuilder().setAgentId(agent.toString()).build(), now)
                .gauge("CPU.Usage%", Map.of("core", "0"), 12.5, now)
                .gauge("cpu.usage_percent", Map.of("core", "1"), Double.NaN, now)
                .build();

        try (Connection connection = RABBIT.connect(); Channel channel = connection.createChannel()) {
            publish(channel, "garbage".getBytes(), tenant, agent, now);
            publish(channel, raw.toByteArray(), tenant, agent, now);

            GetResponse out = poll(channel, Destinations.queue(PREFIX, Destinations.SAMPLES, Destinations.STORE_GROUP));
            SampleBatch batch = SampleBatch.parseFrom(out.getBody());
            assertThat(batch.getBatchId()).isEqualTo(raw.getBatchId());
            assertThat(batch.getTenantId()).isEqualTo(tenant.toString());
            assertThat(batch.getSeries(0).getMetric()).isEqualTo("cpu.usage_percent");
            assertThat(batch.getSamplesCount()).isEqualTo(1);

            GetResponse dead = poll(channel,
                    Destinations.deadLetterQueue(PREFIX, Destinations.INGEST, Destinations.NORMALIZE_GROUP));
            assertThat(new String(dead.getBody())).isEqualTo("garbage");
        }
        assertThat(registry.counter("secumon.normalize.poison").count()).isEqualTo(1.0);
        assertThat(registry.counter("secumon.normalize.samples.dropped", "reason", "non_finite").count())
                .isEqualTo(1.0);
    }

    private static void publish(Channel channel, byte[] body, UUID tenant, UUID agent, long receivedAt)
            throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(Headers.CONTENT_TYPE)
                .deliveryMode(2)
                .headers(Map.of(Headers.TENANT, tenant.toString(), Headers.AGENT, agent.toString(),
                        Headers.RECEIVED_AT, receivedAt))
                .build();
        channel.basicPublish(PREFIX + Destinations.INGEST, "", properties, body);
    }

    private static GetResponse poll(Channel channel, String queue) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            GetResponse response = channel.basicGet(queue, true);
            if (response != null) {
                return response;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing arrived on " + queue + " within 30 s");
    }
}
