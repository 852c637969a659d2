package io.secumon.normalize;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.secumon.pipeline.poison.PoisonMessageException;
import io.secumon.pipeline.topology.Headers;
import io.secumon.proto.v1.MetricBatch;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Registers {@code normalize}: bytes of a {@link MetricBatch} with the edge's headers in,
 * bytes of a canonical {@code SampleBatch} out. Payloads stay {@code byte[]} on both sides
 * so the binder never guesses a conversion; parsing failures are poison and go straight
 * to the dead-letter queue.
 */
@Configuration(proxyBeanMethods = false)
class NormalizeFunctions {

    @Bean
    Normalizer normalizer() {
        return new Normalizer();
    }

    @Bean
    Function<Message<byte[]>, Message<byte[]>> normalize(Normalizer normalizer, MeterRegistry registry) {
        Counter batches = registry.counter("secumon.normalize.batches");
        Counter samples = registry.counter("secumon.normalize.samples");
        Counter poison = registry.counter("secumon.normalize.poison");
        return message -> {
            IngestedBatch in;
            try {
                in = ingested(message);
            } catch (PoisonMessageException e) {
                poison.increment();
                throw e;
            }
            Normalized result = normalizer.normalize(in);
            result.dropped().forEach((reason, count) ->
                    registry.counter("secumon.normalize.samples.dropped", "reason", reason.tag()).increment(count));
            batches.increment();
            samples.increment(result.batch().getSamplesCount());
            return MessageBuilder.withPayload(result.batch().toByteArray())
                    .setHeader(MessageHeaders.CONTENT_TYPE, Headers.CONTENT_TYPE)
                    .setHeader(Headers.BATCH, result.batch().getBatchId())
                    .build();
        };
    }

    private static IngestedBatch ingested(Message<byte[]> message) {
        MessageHeaders headers = message.getHeaders();
        UUID tenant = uuidHeader(headers, Headers.TENANT);
        UUID agent = uuidHeader(headers, Headers.AGENT);
        Object receivedAt = headers.get(Headers.RECEIVED_AT);
        if (!(receivedAt instanceof Number received)) {
            throw new PoisonMessageException("header " + Headers.RECEIVED_AT + " missing or not a number");
        }
        MetricBatch batch;
        try {
            batch = MetricBatch.parseFrom(message.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new PoisonMessageException("payload is not a secumon.v1.MetricBatch: " + e.getMessage(), e);
        }
        return new IngestedBatch(tenant, agent, received.longValue(), batch);
    }

    private static UUID uuidHeader(MessageHeaders headers, String name) {
        Object value = headers.get(name);
        if (value == null) {
            throw new PoisonMessageException("header " + name + " missing");
        }
        try {
            return UUID.fromString(value.toString());
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException("header " + name + " is not a UUID: " + value, e);
        }
    }
}
