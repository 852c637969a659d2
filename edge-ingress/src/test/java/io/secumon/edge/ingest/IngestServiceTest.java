package io.secumon.edge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import io.grpc.Status;
import io.secumon.edge.Batches;
import io.secumon.edge.PushStream;
import io.secumon.edge.RunningEdge;
import io.secumon.edge.config.EdgeConfig;
import io.secumon.pipeline.topology.Headers;
import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.PushAck;
import io.secumon.testing.TcpProxy;
import io.secumon.testing.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Push stream end to end: real server, real broker, real database, real gRPC client. */
class IngestServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void push_acksEachBatchAfterPublishingItWithHeaders() throws Exception {
        try (RunningEdge edge = RunningEdge.start()) {
            List<MetricBatch> batches = List.of(
                    Batches.valid(edge.agent.agentId(), 3).setSequence(1).build(),
                    Batches.valid(edge.agent.agentId(), 5).setSequence(2).build(),
                    Batches.valid(edge.agent.agentId(), 1).setSequence(3).build());
            long before = System.currentTimeMillis();
            PushStream stream = edge.push();
            batches.forEach(stream::send);
            stream.halfClose();

            List<PushAck> acks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                acks.add(stream.nextAck(WAIT));
            }
            assertThat(stream.awaitEnd(WAIT).getCode()).isEqualTo(Status.Code.OK);
            assertThat(acks).extracting(PushAck::getBatchId)
                    .containsExactlyInAnyOrderElementsOf(batches.stream().map(MetricBatch::getBatchId).toList());
            assertThat(acks).allSatisfy(ack -> assertThat(ack.getSequence()).isEqualTo(
                    batches.stream().filter(b -> b.getBatchId().equals(ack.getBatchId())).findFirst().orElseThrow().getSequence()));

            List<GetResponse> messages = edge.published();
            assertThat(messages).hasSize(3);
            for (GetResponse message : messages) {
                AMQP.BasicProperties props = message.getProps();
                MetricBatch sent = batches.stream().filter(b -> b.getBatchId().equals(props.getMessageId())).findFirst().orElseThrow();
                assertThat(message.getBody()).isEqualTo(sent.toByteArray());
                assertThat(props.getContentType()).isEqualTo(Headers.CONTENT_TYPE);
                assertThat(props.getDeliveryMode()).isEqualTo(2);
                Map<String, Object> headers = props.getHeaders();
                assertThat(headers.get(Headers.TENANT)).hasToString(edge.agent.tenantId().toString());
                assertThat(headers.get(Headers.AGENT)).hasToString(edge.agent.agentId().toString());
                assertThat(headers.get(Headers.BATCH)).hasToString(sent.getBatchId());
                assertThat(headers.get(Headers.RECEIVED_AT)).isInstanceOf(Long.class);
                assertThat((Long) headers.get(Headers.RECEIVED_AT)).isBetween(before, System.currentTimeMillis());
            }
        }
    }

    @Test
    void push_rejectsBatchOverLimit() throws Exception {
        try (RunningEdge edge = RunningEdge.start(Map.of(EdgeConfig.MAX_BATCH_SAMPLES, "10"))) {
            MetricBatch batch = Batches.valid(edge.agent.agentId(), 11).build();

            Status status = edge.push().send(batch).awaitEnd(WAIT);

            assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription()).contains(batch.getBatchId(), "limit of 10");
            assertThat(edge.published()).isEmpty();
        }
    }

    @Test
    void push_keepsEarlierAcksWhenALaterBatchIsInvalid() throws Exception {
        try (RunningEdge edge = RunningEdge.start()) {
            MetricBatch good = Batches.valid(edge.agent.agentId(), 2).build();
            MetricBatch bad = Batches.valid(edge.agent.agentId(), 2).setBaseTimeUnixMs(0).build();

            PushStream stream = edge.push().send(good);
            assertThat(stream.nextAck(WAIT).getBatchId()).isEqualTo(good.getBatchId());
            Status status = stream.send(bad).awaitEnd(WAIT);

            assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(edge.published()).extracting(m -> m.getProps().getMessageId()).containsExactly(good.getBatchId());
        }
    }

    @Test
    void push_rejectsMessageOverMaxBytes() throws Exception {
        try (RunningEdge edge = RunningEdge.start(Map.of(EdgeConfig.MAX_MESSAGE_BYTES, "2048"))) {
            MetricBatch batch = Batches.valid(edge.agent.agentId(), 300).build();
            assertThat(batch.getSerializedSize()).isGreaterThan(2048);

            Status status = edge.push().send(batch).awaitEnd(WAIT);

            assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(edge.published()).isEmpty();
        }
    }

    @Test
    void push_rejectsTimestampFarInTheFuture() throws Exception {
        try (RunningEdge edge = RunningEdge.start()) {
            MetricBatch batch = Batches.valid(edge.agent.agentId(), 2)
                    .setBaseTimeUnixMs(System.currentTimeMillis() + Duration.ofDays(1).toMillis()).build();

            Status status = edge.push().send(batch).awaitEnd(WAIT);

            assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription()).contains(batch.getBatchId(), "ahead of the edge's clock");
            assertThat(edge.published()).isEmpty();
        }
    }

    @Test
    void push_forbidsBatchOfAnotherAgent() throws Exception {
        try (RunningEdge edge = RunningEdge.start()) {
            MetricBatch batch = Batches.valid(edge.agent.agentId(), 2)
                    .setAgent(AgentIdentity.newBuilder().setAgentId(UUID.randomUUID().toString())).build();

            Status status = edge.push().send(batch).awaitEnd(WAIT);

            assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(edge.published()).isEmpty();
        }
    }

    @Test
    void push_whenNoQueueIsBound_isUnavailableWithoutAck() throws Exception {
        try (RunningEdge edge = RunningEdge.startWithoutQueue()) {
            PushStream stream = edge.push().send(Batches.valid(edge.agent.agentId(), 2).build());

            Status status = stream.awaitEnd(WAIT);

            assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(status.getDescription()).contains("no queue is bound to exchange " + edge.prefix + "ingest");
            assertThat(stream.acks()).isEmpty();
        }
    }

    @Test
    void push_whenBrokerGoesDown_isUnavailableAndRecoversOnANewStream() throws Exception {
        var rabbit = TestServices.rabbit();
        try (TcpProxy proxy = TcpProxy.start(rabbit.host(), rabbit.port());
             RunningEdge edge = RunningEdge.start(Map.of(EdgeConfig.RABBIT_URI, RunningEdge.rabbitUriVia(proxy.port())))) {
            MetricBatch first = Batches.valid(edge.agent.agentId(), 2).build();
            MetricBatch afterCut = Batches.valid(edge.agent.agentId(), 2).build();
            PushStream stream = edge.push().send(first);
            assertThat(stream.nextAck(WAIT).getBatchId()).isEqualTo(first.getBatchId());

            proxy.cut();
            Status status = stream.send(afterCut).awaitEnd(WAIT);

            assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(status.getDescription()).contains(afterCut.getBatchId(), "was not stored");
            assertThat(stream.acks()).isEmpty();

            proxy.restore();
            MetricBatch later = Batches.valid(edge.agent.agentId(), 2).build();
            PushStream again = edge.push().send(later).halfClose();
            assertThat(again.nextAck(WAIT).getBatchId()).isEqualTo(later.getBatchId());
            assertThat(again.awaitEnd(WAIT).getCode()).isEqualTo(Status.Code.OK);
            assertThat(edge.published()).extracting(m -> m.getProps().getMessageId())
                    .contains(first.getBatchId(), later.getBatchId())
                    .doesNotContain(afterCut.getBatchId());
        }
    }

    @Test
    void push_acksManyBatchesFromConcurrentStreams() throws Exception {
        try (RunningEdge edge = RunningEdge.start()) {
            int streams = 4;
            int perStream = 250;
            List<PushStream> open = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                PushStream stream = edge.push();
                for (int i = 0; i < perStream; i++) {
                    stream.send(Batches.valid(edge.agent.agentId(), 10).build());
                }
                open.add(stream.halfClose());
            }
            for (PushStream stream : open) {
                assertThat(stream.awaitEnd(Duration.ofSeconds(60)).getCode()).isEqualTo(Status.Code.OK);
                assertThat(stream.acks()).hasSize(perStream);
            }
            assertThat(edge.published()).hasSize(streams * perStream);
        }
    }
}
