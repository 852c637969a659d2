package io.secumon.launcher.footprint;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings of the agent footprint benchmark, from {@code --seconds N} or the environment
 * (BENCH_SECONDS, SECUMON_DB_URL...).
 */
record FootprintOptions(int seconds, int warmupSeconds, int clockTicksPerSecond, String dbUrl, String dbUser,
                        String dbPassword, String rabbitUri, Path repo) {

    /** CPU of the first seconds (JVM start-up, class loading, first collections) is not counted. */
    static final int WARMUP_SECONDS = 20;

    static final String USAGE = """
            usage: infra/bench/agent-footprint [--seconds N]
              --seconds  how long the agent runs and is sampled (BENCH_SECONDS, default 300, at least 30)
            The database named by SECUMON_DB_URL (default
            jdbc:postgresql://127.0.0.1:5432/secumon_bench_agent) is dropped and created anew.""";

    static FootprintOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].equals("--seconds") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + "\n" + USAGE);
            }
            values.put("seconds", args[++i]);
        }
        String raw = values.getOrDefault("seconds", env.get("BENCH_SECONDS"));
        int seconds = 300;
        if (raw != null && !raw.isBlank()) {
            try {
                seconds = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < WARMUP_SECONDS + 10) {
                throw new IllegalArgumentException("--seconds (BENCH_SECONDS) must be a whole number >= "
                        + (WARMUP_SECONDS + 10) + ", not '" + raw + "'\n" + USAGE);
            }
        }
        int ticks = 100;
        String tck = env.get("SECUMON_CLK_TCK");
        if (tck != null && tck.trim().matches("[1-9][0-9]*")) {
            ticks = Integer.parseInt(tck.trim());
        }
        return new FootprintOptions(seconds, WARMUP_SECONDS, ticks,
                env.getOrDefault("SECUMON_DB_URL", "jdbc:postgresql://127.0.0.1:5432/secumon_bench_agent"),
                env.getOrDefault("SECUMON_DB_USER", "postgres"),
                env.getOrDefault("SECUMON_DB_PASSWORD", ""),
                env.getOrDefault("SECUMON_RABBIT_URI", "amqp://guest:guest@127.0.0.1:5672"),
                Path.of(env.getOrDefault("SECUMON_REPO", ".")).toAbsolutePath().normalize());
    }
}
