package io.secumon.launcher.local;

import io.secumon.api.ApiApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code api} function's Spring application, started in this JVM exactly as its own
 * {@code main} would start it, with the database handed over under the environment
 * variable names its {@code application.yml} reads (command-line arguments outrank the
 * process environment there). Every other {@code SECUMON_API_*} setting reaches it from
 * the environment as usual.
 */
final class LocalApi implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private LocalApi(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts the api on {@code port} (0 picks a free one) against the given database.
     *
     * @throws RuntimeException when the application fails to start (nothing is left running)
     */
    static LocalApi start(int port, String dbUrl, String dbUser, String dbPassword) {
        SpringApplication application = new SpringApplication(ApiApplication.class);
        application.setWebApplicationType(WebApplicationType.REACTIVE);
        application.setBannerMode(Banner.Mode.OFF);
        // The launcher stops the parts in its own order (agent, edge, api, functions, database).
        application.setRegisterShutdownHook(false);
        return new LocalApi(application.run(
                "--SECUMON_DB_URL=" + dbUrl,
                "--SECUMON_DB_USER=" + dbUser,
                "--SECUMON_DB_PASSWORD=" + dbPassword,
                "--SECUMON_API_PORT=" + port,
                // Nothing is in flight once the agent and the edge stopped: do not wait 30 s.
                "--spring.lifecycle.timeout-per-shutdown-phase=5s"));
    }

    /** The port the api listens on (the actual one when 0 was asked for). */
    int port() {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
