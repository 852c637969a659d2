package io.secumon.launcher.bench.api;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Concurrent clients in a closed loop: each sends a request, waits for the whole response,
 * pauses {@code think} (none by default) and sends the next, over a keep-alive HTTP/1.1
 * connection of its own ({@link KeepAliveConnection}). Each client alternates latest and range requests (half of them start
 * with each), so both kinds are measured under the same mixed load and in equal numbers.
 * A request counts for the phase (warm-up or measured) in which it was sent; any status but
 * 200, and any I/O failure or 30 s timeout, is an error.
 */
final class ApiClients {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
    private static final int ERRORS_SHOWN = 5;
    private static final RequestKind[] KINDS = RequestKind.values();

    /** The measured requests of one kind that succeeded, and the errors of both phases. */
    record Result(Latencies latencies, long bytes, long errors, double seconds) {

        double perSecond() {
            return latencies.count() / seconds;
        }

        double meanKb() {
            return latencies.count() == 0 ? 0 : bytes / 1024.0 / latencies.count();
        }
    }

    /** Results by kind, and a few of the errors as examples. */
    record Run(Map<RequestKind, Result> results, List<String> errorExamples) {

        long errors() {
            return results.values().stream().mapToLong(Result::errors).sum();
        }
    }

    private final URI base;
    private final String authorization;
    private final Targets targets;
    private final int clients;
    private final Duration think;
    /** Successful requests of both phases, for the progress lines. */
    private final AtomicLongArray done = new AtomicLongArray(KINDS.length);
    private final AtomicLongArray failed = new AtomicLongArray(KINDS.length);
    private final List<String> errorExamples = new CopyOnWriteArrayList<>();

    ApiClients(URI base, String apiKey, Targets targets, int clients, Duration think) {
        this.base = base;
        this.authorization = "Bearer " + apiKey;
        this.targets = targets;
        this.clients = clients;
        this.think = think;
    }

    Run run(Duration warmup, Duration measured, PrintStream out) throws InterruptedException {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long end = measureFrom + measured.toNanos();
        List<Client> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client client = new Client(i, measureFrom, end);
            all.add(client);
            threads.add(Thread.ofVirtual().name("client-" + i).start(client::loop));
        }
        report(measureFrom, end, warmup, out);
        for (Thread thread : threads) {
            thread.join();
        }
        Map<RequestKind, Result> results = new EnumMap<>(RequestKind.class);
        for (RequestKind kind : KINDS) {
            Latencies latencies = new Latencies();
            long bytes = 0;
            for (Client client : all) {
                latencies.addAll(client.latencies[kind.ordinal()]);
                bytes += client.bytes[kind.ordinal()];
            }
            results.put(kind, new Result(latencies, bytes, failed.get(kind.ordinal()), measured.toMillis() / 1000.0));
        }
        return new Run(results, List.copyOf(errorExamples));
    }

    private final class Client {

        final Latencies[] latencies = {new Latencies(), new Latencies()}; // by RequestKind ordinal
        final long[] bytes = new long[KINDS.length];
        private final SplittableRandom random;
        private final long measureFrom;
        private final long end;
        private int turn;

        Client(int index, long measureFrom, long end) {
            this.random = new SplittableRandom(0x5EC0L * 31 + index);
            this.measureFrom = measureFrom;
            this.end = end;
            this.turn = index % 2;
        }

        void loop() {
            try (KeepAliveConnection connection = new KeepAliveConnection(base, REQUEST_TIMEOUT)) {
                for (long sent = System.nanoTime(); sent < end; sent = System.nanoTime()) {
                    RequestKind kind = KINDS[turn++ % KINDS.length];
                    URI uri = kind.uri(base, targets.agent(random), targets.metric(random));
                    String error = null;
                    int size = 0;
                    try {
                        KeepAliveConnection.Response response = connection.get(uri.getRawPath()
                                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), authorization);
                        size = response.body().length;
                        if (response.status() != 200) {
                            error = response.status() + " " + excerpt(response.body());
                        }
                    } catch (IOException e) {
                        error = e.toString();
                    }
                    long elapsed = System.nanoTime() - sent;
                    if (error != null) {
                        failed.incrementAndGet(kind.ordinal());
                        if (errorExamples.size() < ERRORS_SHOWN) {
                            errorExamples.add("GET " + uri.getRawPath() + ": " + error);
                        }
                    } else {
                        done.incrementAndGet(kind.ordinal());
                        if (sent >= measureFrom) {
                            latencies[kind.ordinal()].add(elapsed);
                            bytes[kind.ordinal()] += size;
                        }
                    }
                    if (!think.isZero()) {
                        Thread.sleep(think);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void report(long measureFrom, long end, Duration warmup, PrintStream out) throws InterruptedException {
        long started = measureFrom - warmup.toNanos();
        long[] before = new long[KINDS.length];
        for (long next = started + PROGRESS_EVERY_NANOS; next < end; next += PROGRESS_EVERY_NANOS) {
            Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            boolean measuring = next > measureFrom;
            long seconds = Math.round((next - (measuring ? measureFrom : started)) / 1e9);
            long[] now = {done.get(0), done.get(1)};
            double window = PROGRESS_EVERY_NANOS / 1e9;
            out.printf(Locale.ROOT, "api-latency: %s %d s: %.1f latest/s, %.1f range/s, %d errors so far%n",
                    measuring ? "measured" : "warm-up", seconds, (now[0] - before[0]) / window,
                    (now[1] - before[1]) / window, failed.get(0) + failed.get(1));
            before = now;
        }
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
