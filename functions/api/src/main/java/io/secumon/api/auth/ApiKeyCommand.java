package io.secumon.api.auth;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.secumon.api.ApiSettings;
import io.secumon.api.MigratedSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The api's key commands, run instead of the server when the first argument names one:
 * <pre>
 *   java -jar secumon-api-exec.jar issue-key  --tenant NAME --name KEYNAME
 *   java -jar secumon-api-exec.jar revoke-key --tenant NAME --name KEYNAME
 * </pre>
 * They read the same {@code SECUMON_DB_*} variables (and defaults) as the server and migrate
 * the database first, so a key can be issued before the api ever ran. {@code issue-key}
 * prints only the key on stdout, for {@code KEY=$(...)}; everything else goes to stderr.
 */
public final class ApiKeyCommand {

    private static final Set<String> COMMANDS = Set.of("issue-key", "revoke-key");

    private ApiKeyCommand() {
    }

    /** Whether {@code command} is one of these commands rather than a server argument. */
    public static boolean handles(String command) {
        return COMMANDS.contains(command);
    }

    /** Runs the command in {@code args} against the configured database; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        logToStderr();
        ApiSettings settings;
        try {
            settings = ApiSettings.from(configuration());
        } catch (IllegalArgumentException e) {
            err.println("configuration: " + e.getMessage());
            return 2;
        }
        return run(args, settings.database().jdbcDataSource(settings.databaseUser(), settings.databasePassword()),
                out, err);
    }

    /** Runs the command in {@code args} against {@code dataSource}; returns the exit code. */
    static int run(String[] args, DataSource dataSource, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                options.put(arg.substring(2, equals), arg.substring(equals + 1));
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                options.put(arg.substring(2), args[++i]);
            } else {
                return usage(err, "unexpected argument '" + arg + "'");
            }
        }
        String tenant = options.remove("tenant");
        String name = options.remove("name");
        if (args.length == 0 || !handles(args[0]) || tenant == null || name == null || !options.isEmpty()) {
            return usage(err, options.isEmpty() ? "--tenant and --name are required" : "unknown options "
                    + options.keySet());
        }
        try {
            MigratedSchema.migrate(dataSource);
            if (args[0].equals("issue-key")) {
                IssuedApiKey issued = ApiKeys.issue(dataSource, tenant, name);
                err.println("issued API key '" + name + "' for tenant '" + tenant + "' (tenant id "
                        + issued.tenantId() + "); it is shown only now:");
                out.println(issued.key());
                return 0;
            }
            if (ApiKeys.revoke(dataSource, tenant, name)) {
                err.println("revoked API key '" + name + "' of tenant '" + tenant + "'");
                return 0;
            }
            err.println("tenant '" + tenant + "' has no live API key named '" + name + "'");
            return 1;
        } catch (RuntimeException e) {
            err.println(args[0] + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println("usage: issue-key --tenant NAME --name KEYNAME | revoke-key --tenant NAME --name KEYNAME");
        return 2;
    }

    /** The server's configuration sources: environment and system properties over application.yml. */
    private static UnaryOperator<String> configuration() {
        StandardEnvironment environment = new StandardEnvironment();
        try {
            new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.yml from the classpath", e);
        }
        return environment::getProperty;
    }

    /**
     * Without Spring Boot's logging set-up, Logback would print DEBUG lines to stdout, where
     * only the key belongs: warnings and errors go to stderr instead.
     */
    private static void logToStderr() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
    }
}
