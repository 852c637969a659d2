package io.secumon.launcher.bench.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of the api latency benchmark, from {@code --name value} arguments or the matching
 * environment variables (BENCH_AGENTS...); the defaults are the acceptance figures of issue 4
 * (1,000 agents x 50 series x 24 h at 60 s, 50 concurrent clients).
 *
 * @param agents         agents of the loaded tenant
 * @param series         series per agent
 * @param hours          hours of one-minute samples per series, ending now
 * @param loaders        concurrent COPY streams while loading
 * @param clients        concurrent HTTP clients
 * @param warmup         load before measuring (lets the JIT compile and the caches fill)
 * @param measured       how long latencies are recorded
 * @param think          pause of each client between two requests (0 = back to back)
 * @param reportInterval how often each agent stores a batch while the clients run (0 = never):
 *                       the api is measured while its cached latest values are invalidated
 * @param reuse          keep the database the previous run loaded instead of dropping it
 */
record ApiLatencyOptions(int agents, int series, int hours, int loaders, int clients, Duration warmup,
                         Duration measured, Duration think, Duration reportInterval, boolean reuse, String dbUrl,
                         String dbUser, String dbPassword, Path repo) {

    static final Duration DEFAULT_REPORT_INTERVAL = Duration.ofSeconds(60);
    private static final Duration MIN_REPORT_INTERVAL = Duration.ofMillis(100);
    private static final Duration MAX_REPORT_INTERVAL = Duration.ofHours(1);
    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,9})(ms|s|m)?");

    static final String DEFAULT_DB_URL = "jdbc:postgresql://127.0.0.1:5432/secumon_bench_api";

    static final String USAGE = """
            usage: infra/bench/api-latency [--agents N] [--series N] [--hours N] [--loaders N]
                                           [--clients N] [--warmup S] [--seconds S] [--think-ms N]
                                           [--report-interval D] [--reuse-data]
              --agents           agents to load                           (BENCH_AGENTS,   default 1000)
              --series           series per agent                         (BENCH_SERIES,   default 50)
              --hours            hours of 60 s samples per series         (BENCH_HOURS,    default 24, at most 744)
              --loaders          concurrent COPY streams while loading    (BENCH_LOADERS,  default 2)
              --clients          concurrent HTTP clients                  (BENCH_CLIENTS,  default 50)
              --warmup           seconds of load before measuring         (BENCH_WARMUP,   default 30; 0 = none)
              --seconds          seconds measured                         (BENCH_SECONDS,  default 60)
              --think-ms         pause of each client between requests    (BENCH_THINK_MS, default 0)
              --report-interval  how often each agent stores a batch      (BENCH_REPORT_INTERVAL, default 60s;
                                 while the clients run: 500ms, 60s, 2m...  0 or off = no writes)
              --reuse-data       keep what the previous run loaded        (BENCH_REUSE_DATA=1)
            Unless --reuse-data, the database named by SECUMON_DB_URL (default
            jdbc:postgresql://127.0.0.1:5432/secumon_bench_api) is dropped and created anew.""";

    private static final Set<String> VALUED = Set.of("agents", "series", "hours", "loaders", "clients", "warmup",
            "seconds", "think-ms", "report-interval");

    static ApiLatencyOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        boolean reuse = "1".equals(env.getOrDefault("BENCH_REUSE_DATA", "").trim());
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (name.equals("reuse-data")) {
                reuse = true;
            } else if (VALUED.contains(name) && i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException((name.isEmpty() || VALUED.contains(name) ? "unexpected argument "
                        + args[i] : "unknown option " + args[i]) + "\n" + USAGE);
            }
        }
        return new ApiLatencyOptions(
                number(values, env, "agents", "BENCH_AGENTS", 1000, 1, 100_000),
                number(values, env, "series", "BENCH_SERIES", 50, 1, 1000),
                number(values, env, "hours", "BENCH_HOURS", 24, 1, 744),
                number(values, env, "loaders", "BENCH_LOADERS", 2, 1, 16),
                number(values, env, "clients", "BENCH_CLIENTS", 50, 1, 1000),
                Duration.ofSeconds(number(values, env, "warmup", "BENCH_WARMUP", 30, 0, 3600)),
                Duration.ofSeconds(number(values, env, "seconds", "BENCH_SECONDS", 60, 1, 3600)),
                Duration.ofMillis(number(values, env, "think-ms", "BENCH_THINK_MS", 0, 0, 60_000)),
                interval(values, env),
                reuse,
                text(env, "SECUMON_DB_URL", DEFAULT_DB_URL),
                text(env, "SECUMON_DB_USER", "postgres"),
                env.getOrDefault("SECUMON_DB_PASSWORD", ""),
                Path.of(text(env, "SECUMON_REPO", ".")).toAbsolutePath().normalize());
    }

    /** Samples loaded in all: one per series and minute. */
    long samples() {
        return (long) agents * series * hours * 60;
    }

    /** {@code 60 s}, {@code 500 ms}: the report interval as the output shows it. */
    String reportIntervalText() {
        long ms = reportInterval.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    /**
     * The report interval: a whole number of milliseconds, seconds or minutes ({@code 500ms},
     * {@code 60s}, {@code 2m}; a bare number is seconds), or {@code 0} / {@code off}. At least
     * 100 ms: below that a single writer cannot keep up with even a small fleet.
     */
    private static Duration interval(Map<String, String> values, Map<String, String> env) {
        String raw = values.getOrDefault("report-interval", env.get("BENCH_REPORT_INTERVAL"));
        if (raw == null || raw.isBlank()) {
            return DEFAULT_REPORT_INTERVAL;
        }
        String text = raw.replace("_", "").trim().toLowerCase(Locale.ROOT);
        if (text.equals("off") || text.matches("0+(ms|s|m)?")) {
            return Duration.ZERO;
        }
        Matcher m = INTERVAL.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration interval = switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            };
            if (interval.compareTo(MIN_REPORT_INTERVAL) >= 0 && interval.compareTo(MAX_REPORT_INTERVAL) <= 0) {
                return interval;
            }
        }
        throw new IllegalArgumentException("--report-interval (BENCH_REPORT_INTERVAL) must be a duration from 100ms"
                + " to 60m such as 500ms, 60s or 2m, or 0/off for no writes, not '" + raw + "'\n" + USAGE);
    }

    private static String text(Map<String, String> env, String variable, String fallback) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int number(Map<String, String> values, Map<String, String> env, String name, String variable,
                              int fallback, int min, int max) {
        String raw = values.getOrDefault(name, env.get(variable));
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.replace("_", "").trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the accepted range
        }
        throw new IllegalArgumentException("--" + name + " (" + variable + ") must be a whole number from " + min
                + " to " + max + ", not '" + raw + "'\n" + USAGE);
    }
}
