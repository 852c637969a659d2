package io.secumon.agent.spool;

import static io.secumon.agent.spool.SpoolTest.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.secumon.agent.ship.FakeEdge;
import io.secumon.agent.ship.IngestClient;
import io.secumon.proto.v1.MetricBatch;
import io.secumon.proto.v1.PushAck;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipper against a real gRPC server on localhost that acks every batch in order,
 * except one whose first sample is negative: that ends the stream with INVALID_ARGUMENT
 * and the stream takes no further batches (as the edge does).
 */
class ShipperTest {

    @TempDir
    Path dir;

    private FakeEdge edge;
    private IngestClient client;
    private Shipper shipper;

    @AfterEach
    void stop() throws Exception {
        if (shipper != null) {
            shipper.close();
        }
        if (client != null) {
            client.close();
        }
        if (edge != null) {
            edge.close();
        }
    }

    private void startServer(int port) throws Exception {
        edge = new FakeEdge(port);
    }

    private Shipper startShipper(Spool spool, int port) {
        client = IngestClient.connect("127.0.0.1", port, "smt_secret", true);
        Backoff fast = new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), 0.2, new Random(1));
        shipper = new Shipper(spool, SessionFactory.of(client), 4, fast, Thread::sleep);
        shipper.start();
        return shipper;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static List<String> appendAll(Spool spool, double... values) throws Exception {
        List<String> ids = new ArrayList<>();
        for (double value : values) {
            MetricBatch b = batch(value);
            spool.append(b);
            ids.add(b.getBatchId());
        }
        return ids;
    }

    @Test
    void batchesSpooledWhileTheEdgeIsDown_areAllDeliveredOnceInOrder_whenItStarts() throws Exception {
        Spool spool = Spool.open(dir, Spool.Limits.defaults());
        int port = freePort();
        startShipper(spool, port);
        List<String> ids = appendAll(spool, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        Thread.sleep(300); // the shipper fails and backs off meanwhile

        startServer(port);
        // The shipper counts a delivery just after removing it from the spool: wait for both.
        await(() -> spool.size() == 0 && shipper.delivered() >= ids.size());

        assertThat(edge.accepted).containsExactlyElementsOf(ids);
        assertThat(shipper.delivered()).isEqualTo(ids.size());
    }

    @Test
    void aBatchTheEdgeRefuses_isDroppedAndCounted_andLaterBatchesAreStillDelivered() throws Exception {
        int port = freePort();
        startServer(port);
        Spool spool = Spool.open(dir, Spool.Limits.defaults());
        List<String> ids = appendAll(spool, 1, 2, -1, 3, 4, 5, 6);
        startShipper(spool, port);

        await(() -> spool.size() == 0 && shipper.rejected() >= 1);

        List<String> good = new ArrayList<>(ids);
        good.remove(2);
        assertThat(edge.accepted).containsExactlyElementsOf(good);
        assertThat(shipper.rejected()).isEqualTo(1);
        assertThat(spool.contains(ids.get(2))).isFalse();
    }

    @Test
    void aWrongToken_keepsEveryBatch_andBacksOffLongerEachTime() throws Exception {
        Spool spool = Spool.open(dir, Spool.Limits.defaults());
        appendAll(spool, 1, 2, 3);
        List<Duration> waits = new CopyOnWriteArrayList<>();
        SessionFactory unauthenticated = () -> new PushStream() {
            @Override
            public CompletableFuture<PushAck> push(MetricBatch batch) {
                return CompletableFuture.failedFuture(Status.UNAUTHENTICATED.withDescription("bad token")
                        .asRuntimeException());
            }

            @Override
            public void close() {
            }
        };
        shipper = new Shipper(spool, unauthenticated, 4, Backoff.defaults(new Random(3)), wait -> {
            waits.add(wait);
            if (waits.size() == 5) {
                throw new InterruptedException("enough");
            }
        });
        shipper.start();

        await(() -> waits.size() == 5);

        assertThat(waits).isSortedAccordingTo(Duration::compareTo);
        assertThat(waits.get(4)).isGreaterThan(Duration.ofSeconds(12));
        assertThat(spool.size()).isEqualTo(3);
        assertThat(shipper.rejected()).isZero();
    }
}
