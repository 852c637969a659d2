package io.secumon.store;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.secumon.pipeline.poison.PoisonMessageException;
import io.secumon.proto.v1.SampleBatch;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Registers {@code store}: bytes of a {@code SampleBatch} in, rows in PostgreSQL out. The
 * binder acknowledges a message only after the consumer returns, that is after the
 * batch committed. Payloads that are not a storable SampleBatch are poison: counted and
 * sent to the dead-letter queue without retries.
 */
@Configuration(proxyBeanMethods = false)
class StoreFunctions {

    private static final Logger log = LoggerFactory.getLogger(StoreFunctions.class);

    /**
     * Checks the configuration before any other bean is created (post-processors come
     * first), so a bad setting stops start-up with a message naming its variable rather
     * than a connection error from the pool or Flyway.
     */
    @Bean
    static BeanFactoryPostProcessor storeSettingsCheck(Environment environment) {
        StoreSettings settings = StoreSettings.from(environment::getProperty);
        log.info("store configured: {}", settings.describe());
        return beanFactory -> beanFactory.registerSingleton("storeSettings", settings);
    }

    @Bean
    SampleWriter sampleWriter(DataSource dataSource, StoreSettings settings, MeterRegistry registry) {
        SeriesIdCache seriesIds = new SeriesIdCache(settings.seriesCacheSize());
        Gauge.builder("secumon.store.series.cached", seriesIds, SeriesIdCache::size)
                .description("Series ids held in memory").register(registry);
        return new SampleWriter(dataSource, seriesIds, Clock.systemUTC());
    }

    @Bean
    Consumer<byte[]> store(SampleWriter writer, MeterRegistry registry) {
        Counter stored = batches(registry, "stored");
        Counter duplicate = batches(registry, "duplicate");
        Counter samples = Counter.builder("secumon.store.samples")
                .description("Samples written to the database").register(registry);
        Counter seriesAdded = Counter.builder("secumon.store.series.added")
                // Not "created": Prometheus reserves the _created suffix and would drop it.
                .description("Series added to the series dictionary").register(registry);
        Counter poison = Counter.builder("secumon.store.poison")
                .description("Messages dead-lettered because they are not a storable SampleBatch").register(registry);
        Timer latency = Timer.builder("secumon.store.latency")
                .description("From the edge accepting a batch to its commit").register(registry);
        Clock clock = Clock.systemUTC();
        return payload -> {
            SampleBatch batch;
            WriteResult result;
            try {
                batch = parse(payload);
                result = writer.write(batch);
            } catch (PoisonMessageException e) {
                poison.increment();
                throw e;
            }
            if (result.outcome() == WriteResult.Outcome.DUPLICATE) {
                duplicate.increment();
                return;
            }
            stored.increment();
            samples.increment(result.samples());
            seriesAdded.increment(result.seriesCreated());
            if (batch.getReceivedAtUnixMs() > 0) {
                latency.record(Math.max(0, clock.millis() - batch.getReceivedAtUnixMs()), TimeUnit.MILLISECONDS);
            }
        };
    }

    private static Counter batches(MeterRegistry registry, String outcome) {
        return Counter.builder("secumon.store.batches").tag("outcome", outcome)
                .description("Batches consumed, by whether they were new or redelivered").register(registry);
    }

    private static SampleBatch parse(byte[] payload) {
        try {
            return SampleBatch.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new PoisonMessageException("payload is not a secumon.v1.SampleBatch: " + e.getMessage(), e);
        }
    }
}
