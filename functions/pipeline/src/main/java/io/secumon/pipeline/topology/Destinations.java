package io.secumon.pipeline.topology;

/**
 * RabbitMQ destinations of the pipeline, named after the data that flows (DESIGN.md §1).
 * Each is a durable topic exchange; a consumer group's queue is
 * {@code <prefix><destination>.<group>} and its dead-letter queue that name plus
 * {@code .dlq}. The prefix ({@code SECUMON_DESTINATION_PREFIX}, empty by default) lets
 * several installations or tests share one broker.
 */
public final class Destinations {

    /** Raw {@code MetricBatch} messages from the edge ingress. */
    public static final String INGEST = "ingest";
    /** Canonical {@code SampleBatch} messages from normalize. */
    public static final String SAMPLES = "samples";

    /** Consumer group of the normalize function on {@link #INGEST}. */
    public static final String NORMALIZE_GROUP = "normalize";
    /** Consumer group of the store function on {@link #SAMPLES}. */
    public static final String STORE_GROUP = "store";

    /** Suffix the binder gives a queue's dead-letter queue. */
    public static final String DLQ_SUFFIX = ".dlq";

    private Destinations() {
    }

    /** The consumer queue of {@code group} on {@code destination}, under {@code prefix}. */
    public static String queue(String prefix, String destination, String group) {
        return prefix + destination + "." + group;
    }

    /** The dead-letter queue of {@link #queue(String, String, String)}. */
    public static String deadLetterQueue(String prefix, String destination, String group) {
        return queue(prefix, destination, group) + DLQ_SUFFIX;
    }
}
