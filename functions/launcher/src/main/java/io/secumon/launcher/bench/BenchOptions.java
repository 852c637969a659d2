package io.secumon.launcher.bench;

import java.nio.file.Path;
import java.util.Map;

/**
 * Settings of the ingest benchmark, from {@code --name value} arguments or the matching
 * environment variables (BENCH_SAMPLES...), with defaults sized for a 2-core machine.
 */
record BenchOptions(long samples, long warmup, int batchSize, int clients, int window, String dbUrl, String dbUser,
                    String dbPassword, String rabbitUri, Path repo) {

    static final String USAGE = """
            usage: infra/bench/ingest [--samples N] [--warmup N] [--batch N] [--clients N] [--window N]
              --samples  total samples to push            (BENCH_SAMPLES, default 1000000)
              --warmup   samples pushed first, not measured (BENCH_WARMUP, default 200000; 0 = none)
              --batch    samples per batch                 (BENCH_BATCH,   default 1000)
              --clients  concurrent gRPC clients (agents)  (BENCH_CLIENTS, default 4)
              --window   unacknowledged batches per client (BENCH_WINDOW,  default 8)
            The database named by SECUMON_DB_URL (default
            jdbc:postgresql://127.0.0.1:5432/secumon_bench) is dropped and created anew.""";

    static BenchOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + "\n" + USAGE);
            }
            values.put(args[i].substring(2), args[++i]);
        }
        BenchOptions options = new BenchOptions(
                number(values, env, "samples", "BENCH_SAMPLES", 1_000_000),
                number(values, env, "warmup", "BENCH_WARMUP", 200_000, 0),
                (int) number(values, env, "batch", "BENCH_BATCH", 1000),
                (int) number(values, env, "clients", "BENCH_CLIENTS", 4),
                (int) number(values, env, "window", "BENCH_WINDOW", 8),
                env.getOrDefault("SECUMON_DB_URL", "jdbc:postgresql://127.0.0.1:5432/secumon_bench"),
                env.getOrDefault("SECUMON_DB_USER", "postgres"),
                env.getOrDefault("SECUMON_DB_PASSWORD", ""),
                env.getOrDefault("SECUMON_RABBIT_URI", "amqp://guest:guest@127.0.0.1:5672"),
                Path.of(env.getOrDefault("SECUMON_REPO", ".")).toAbsolutePath().normalize());
        values.keySet().removeAll(java.util.Set.of("samples", "warmup", "batch", "clients", "window"));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option --" + values.keySet().iterator().next() + "\n" + USAGE);
        }
        return options;
    }

    /** Batches each client pushes so that at least {@code samples} are pushed in all. */
    int batchesPerClient(long samples) {
        long perClient = (samples + clients - 1) / clients;
        return (int) ((perClient + batchSize - 1) / batchSize);
    }

    /** Samples actually pushed for {@code samples} asked: whole batches for every client. */
    long rounded(long samples) {
        return (long) batchesPerClient(samples) * batchSize * clients;
    }

    private static long number(Map<String, String> values, Map<String, String> env, String name, String variable,
                               long fallback) {
        return number(values, env, name, variable, fallback, 1);
    }

    private static long number(Map<String, String> values, Map<String, String> env, String name, String variable,
                               long fallback, long min) {
        String raw = values.getOrDefault(name, env.get(variable));
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.replace("_", "").trim());
            if (value < min) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " (" + variable + ") must be a whole number >= " + min + ", not '"
                    + raw + "'\n" + USAGE);
        }
    }
}
