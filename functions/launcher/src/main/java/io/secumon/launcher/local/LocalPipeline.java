package io.secumon.launcher.local;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.secumon.api.auth.ApiKeys;
import io.secumon.edge.EdgeServer;
import io.secumon.edge.config.EdgeConfig;
import io.secumon.launcher.component.Database;
import io.secumon.launcher.component.Pipeline;
import io.secumon.normalize.Normalizer;
import io.secumon.schema.SchemaMigrations;
import io.secumon.store.SampleWriter;
import io.secumon.store.SeriesIdCache;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code infra/local/up}: SecuMon on this machine with one command. By default everything
 * runs in this JVM with no other software: an embedded PostgreSQL ({@link EmbeddedDatabase}),
 * the functions chained in memory behind the edge ({@link ChainedFunctions}), the api, and
 * a local agent watching this host. {@code SECUMON_DB_URL} uses an existing PostgreSQL
 * instead; {@code SECUMON_RABBIT_URI} runs edge, normalize and store as separate processes
 * joined by that broker, as deployed (the api still runs here). Prints the API URL, a
 * ready API key and a curl command for this host's CPU; SIGINT/SIGTERM stop everything in
 * reverse order of start ({@link StopOrder}). Settings: {@link LocalSettings}.
 */
public final class LocalPipeline {

    /** The tenant the local agent and the printed API key belong to. */
    static final String TENANT = "local";

    private static final PrintStream OUT = System.out;

    private LocalPipeline() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        Path repo = Path.of(env.getOrDefault("SECUMON_REPO", ".")).toAbsolutePath().normalize();
        LocalSettings settings;
        try {
            settings = LocalSettings.fromEnvironment(env, repo);
            Files.createDirectories(settings.runDirectory());
        } catch (IllegalArgumentException | java.io.IOException e) {
            System.err.println("secumon: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        setUpLogging(settings);

        StopOrder parts = new StopOrder(OUT);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            parts.stopAll();
            OUT.println("secumon: stopped");
            stopped.countDown();
        }, "secumon-stop"));
        try {
            OUT.println(start(settings, env, repo, parts).text());
        } catch (Exception e) {
            log().error("start-up failed", e);
            System.err.println("secumon: start-up failed: " + e.getMessage() + "\n  details: " + settings.logFile());
            System.exit(1); // the shutdown hook stops what had started
        }
        stopped.await();
    }

    private static ReadyMessage start(LocalSettings settings, Map<String, String> env, Path repo, StopOrder parts)
            throws Exception {
        String dbUrl;
        String dbUser;
        String dbPassword;
        String dbDescription;
        if (settings.embeddedDatabase()) {
            Path data = settings.postgresDirectory();
            OUT.println("secumon: starting PostgreSQL (embedded) on port " + settings.embeddedDbPort() + ", data in "
                    + data + (EmbeddedDatabase.initialised(data) ? ""
                    : "\nsecumon:   first start: unpacking PostgreSQL and creating the database, this takes a while"));
            EmbeddedDatabase postgres = parts.started("PostgreSQL", EmbeddedDatabase.start(data,
                    settings.embeddedDbPort(), settings.runDirectory().resolve("postgres.log")));
            dbUrl = postgres.jdbcUrl(LocalSettings.DATABASE_NAME);
            dbUser = LocalSettings.EMBEDDED_USER;
            dbPassword = "";
            dbDescription = dbUrl + "   (embedded PostgreSQL, user " + dbUser + ", no password)";
        } else {
            dbUrl = settings.externalDatabase().orElseThrow();
            dbUser = settings.dbUser();
            dbPassword = settings.dbPassword();
            dbDescription = dbUrl + "   (SECUMON_DB_URL)";
            OUT.println("secumon: using the database " + dbUrl);
        }
        new Database(dbUrl, dbUser, dbPassword).createIfMissing();
        HikariDataSource pool = parts.started("database connections", pool(dbUrl, dbUser, dbPassword));
        SchemaMigrations.migrate(pool);

        Map<String, String> componentEnv = new HashMap<>(env);
        componentEnv.put(EdgeConfig.DB_URL, dbUrl);
        componentEnv.put(EdgeConfig.DB_USER, dbUser);
        componentEnv.put(EdgeConfig.DB_PASSWORD, dbPassword);
        componentEnv.put(EdgeConfig.GRPC_PORT, String.valueOf(settings.edgePort()));
        componentEnv.put(EdgeConfig.METRICS_PORT, String.valueOf(settings.edgeMetricsPort()));

        int edgePort;
        String functions;
        LocalApi api;
        if (settings.inMemory()) {
            EdgeConfig edgeConfig = EdgeConfig.fromEnvironment(componentEnv);
            OUT.println("secumon: starting normalize and store (in memory)");
            ChainedFunctions chain = parts.started("normalize and store", new ChainedFunctions(new Normalizer(),
                    new SampleWriter(pool, new SeriesIdCache(100_000), Clock.systemUTC()),
                    new DeadLetters(settings.deadLetters()), 2, 256, edgeConfig.confirmTimeout()));
            api = startApi(settings, dbUrl, dbUser, dbPassword, parts);
            OUT.println("secumon: starting the edge");
            EdgeServer edge = parts.started("edge", EdgeServer.start(edgeConfig, Clock.systemUTC(), chain));
            edgePort = edge.grpcPort();
            functions = "edge → normalize → store chained in memory (dead letters: " + settings.deadLetters() + ")";
        } else {
            api = startApi(settings, dbUrl, dbUser, dbPassword, parts);
            componentEnv.put("SECUMON_RABBIT_URI", settings.rabbitUri().orElseThrow().toString());
            componentEnv.putIfAbsent("SECUMON_NORMALIZE_HTTP_PORT", "8081");
            componentEnv.putIfAbsent("SECUMON_STORE_HTTP_PORT", "8082");
            OUT.println("secumon: starting normalize, store and the edge as processes on RabbitMQ");
            Pipeline pipeline = new Pipeline(Pipeline.Jars.in(repo), componentEnv, settings.runDirectory());
            parts.started("edge, normalize and store", pipeline);
            pipeline.start(Duration.ofSeconds(120));
            edgePort = pipeline.edgePort();
            functions = "edge, normalize and store as processes joined by RabbitMQ (logs: " + settings.runDirectory()
                    + "/{edge,normalize,store}.log)";
        }

        Optional<ReadyMessage.Agent> agent = Optional.empty();
        if (agentModulePresent()) {
            OUT.println("secumon: starting the local agent");
            LocalAgent local = parts.started("local agent", LocalAgent.start(pool, TENANT, edgePort,
                    settings.agentSpool(), env));
            agent = Optional.of(new ReadyMessage.Agent(local.id(), local.hostname(), local.interval()));
        }
        String key = ApiKeys.issue(pool, TENANT, "local run " + Instant.now().truncatedTo(ChronoUnit.MILLIS)).key();
        return new ReadyMessage("http://localhost:" + api.port(), key, TENANT, "localhost:" + edgePort, dbDescription,
                functions, agent, settings.runDirectory().toString());
    }

    private static LocalApi startApi(LocalSettings settings, String dbUrl, String dbUser, String dbPassword,
                                     StopOrder parts) {
        OUT.println("secumon: starting the api");
        return parts.started("api", LocalApi.start(settings.apiPort(), dbUrl, dbUser, dbPassword));
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("local-store");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }

    private static boolean agentModulePresent() {
        try {
            Class.forName(LocalAgent.AVAILABLE, false, LocalPipeline.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * The terminal shows this launcher's progress and every warning; the full logs of all
     * parts go to {@link LocalSettings#logFile()}. Spring Boot is told to leave logging
     * alone, since the api is only one part of this JVM.
     */
    private static void setUpLogging(LocalSettings settings) {
        System.setProperty("secumon.local.log", settings.logFile().toString());
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "secumon-local-logback.xml");
        }
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        // grpc-java logs through java.util.logging.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    /** Looked up per use rather than in a static field, so that main can set up logging first. */
    private static Logger log() {
        return LoggerFactory.getLogger(LocalPipeline.class);
    }
}
