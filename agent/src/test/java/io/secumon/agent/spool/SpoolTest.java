package io.secumon.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.pipeline.batch.MetricBatchBuilder;
import io.secumon.proto.v1.AgentIdentity;
import io.secumon.proto.v1.MetricBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path dir;

    static MetricBatch batch(double value) {
        return new MetricBatchBuilder(AgentIdentity.newBuilder().setAgentId("a").build(), 1_000)
                .gauge("x.value", Map.of(), value, 1_000).build();
    }

    private static List<String> ids(List<MetricBatch> batches) {
        return batches.stream().map(MetricBatch::getBatchId).toList();
    }

    @Test
    void reopen_recoversBatchesInAppendOrder_andAppendsAfterThem() throws Exception {
        Spool spool = Spool.open(dir, Spool.Limits.defaults());
        List<String> appended = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            MetricBatch b = batch(i);
            spool.append(b);
            appended.add(b.getBatchId());
        }
        spool.remove(appended.remove(0));

        Spool reopened = Spool.open(dir, Spool.Limits.defaults());
        MetricBatch later = batch(99);
        reopened.append(later);
        appended.add(later.getBatchId());

        assertThat(ids(reopened.peek(100))).containsExactlyElementsOf(appended);
        assertThat(reopened.size()).isEqualTo(12);
        assertThat(reopened.bytes()).isEqualTo(spool.bytes() + Files.size(dir.resolve(
                String.format("%020d.batch", 12))));
    }

    @Test
    void append_whenFileLimitReached_dropsOldestAndCountsThem() throws Exception {
        Spool spool = Spool.open(dir, new Spool.Limits(1 << 20, 3));
        List<String> appended = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            MetricBatch b = batch(i);
            spool.append(b);
            appended.add(b.getBatchId());
        }

        assertThat(ids(spool.peek(10))).containsExactlyElementsOf(appended.subList(2, 5));
        assertThat(spool.dropped()).isEqualTo(2);
        assertThat(spool.contains(appended.get(0))).isFalse();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(3);
        }
    }

    @Test
    void append_whenByteLimitReached_dropsOldestButKeepsTheNewest() throws Exception {
        // Non-zero values only: proto3 omits a 0.0 sample value, which would make that batch smaller.
        long one = SpoolFiles.encode(batch(1)).length;
        Spool spool = Spool.open(dir, new Spool.Limits(one * 2, 1_000));
        MetricBatch newest = null;
        for (int i = 0; i < 4; i++) {
            newest = batch(i + 1);
            spool.append(newest);
        }

        assertThat(spool.size()).isEqualTo(2);
        assertThat(spool.bytes()).isLessThanOrEqualTo(one * 2);
        assertThat(spool.dropped()).isEqualTo(2);
        assertThat(ids(spool.peek(10))).endsWith(newest.getBatchId());
    }

    @Test
    void open_deletesTempLeftoversAndCorruptFiles_andKeepsValidOnes() throws Exception {
        Spool spool = Spool.open(dir, Spool.Limits.defaults());
        MetricBatch first = batch(1);
        MetricBatch second = batch(2);
        spool.append(first);
        spool.append(second);
        Files.write(dir.resolve(String.format("%020d.batch", 2)), batch(3).toByteArray()); // no checksum
        Files.write(dir.resolve(String.format("%020d.batch", 3)), new byte[] {1, 2, 3, 4, 5, 6});
        Files.write(dir.resolve(String.format("%020d.batch.tmp", 4)), SpoolFiles.encode(batch(4)));
        byte[] torn = Files.readAllBytes(dir.resolve(String.format("%020d.batch", 1)));
        Files.write(dir.resolve(String.format("%020d.batch", 5)), java.util.Arrays.copyOf(torn, torn.length - 3));

        Spool reopened = Spool.open(dir, Spool.Limits.defaults());

        assertThat(ids(reopened.peek(10))).containsExactly(first.getBatchId(), second.getBatchId());
        assertThat(reopened.corrupt()).isEqualTo(3);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(String.format("%020d.batch", 0), String.format("%020d.batch", 1));
        }
    }

    @Test
    void concurrentAppendAndRemove_loseNothing_andKeepEachWritersOrder() throws Exception {
        Spool spool = Spool.open(dir, Spool.Limits.defaults());
        int writers = 4;
        int perWriter = 100;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        List<Future<List<String>>> written = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            written.add(pool.submit(() -> {
                List<String> mine = new ArrayList<>();
                for (int i = 0; i < perWriter; i++) {
                    MetricBatch b = batch(i);
                    spool.append(b);
                    mine.add(b.getBatchId());
                }
                return mine;
            }));
        }
        Future<List<String>> removed = pool.submit(() -> {
            List<String> order = new ArrayList<>();
            while (order.size() < writers * perWriter) {
                for (MetricBatch b : spool.peek(7)) {
                    if (spool.remove(b.getBatchId())) {
                        order.add(b.getBatchId());
                    }
                }
            }
            return order;
        });

        List<String> removalOrder = removed.get(30, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(removalOrder).doesNotHaveDuplicates().hasSize(writers * perWriter);
        for (Future<List<String>> mine : written) {
            assertThat(removalOrder).containsSubsequence(mine.get());
        }
        assertThat(spool.size()).isZero();
        assertThat(spool.bytes()).isZero();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
