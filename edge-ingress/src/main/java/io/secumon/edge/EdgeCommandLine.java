package io.secumon.edge;

import io.secumon.edge.auth.EnrollCommand;
import io.secumon.edge.config.EdgeConfig;
import java.io.IOException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * What {@code java -jar secumon-edge-ingress-…-exec.jar} does: with no arguments, serve
 * (configured from the environment) until SIGTERM; with {@code enroll ...}, enroll an agent.
 * Exit status 2 for bad arguments or configuration, 1 when start-up fails.
 */
final class EdgeCommandLine {

    private EdgeCommandLine() {
    }

    static void main(String[] args) throws InterruptedException {
        // Before the first logger exists: the exec jar's logging lives under a file name that
        // an application embedding this module (the all-in-one launcher) never picks up.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "secumon-edge-logback.xml");
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Logger log = LoggerFactory.getLogger(EdgeServer.class);
        if (args.length > 0 && args[0].equals("enroll")) {
            System.exit(EnrollCommand.run(Arrays.asList(args).subList(1, args.length), System.getenv(),
                    System.out, System.err));
        }
        if (args.length > 0) {
            log.error("unknown arguments {}; run without arguments to serve, or: enroll --tenant NAME --agent NAME",
                    Arrays.toString(args));
            System.exit(EnrollCommand.USAGE);
        }
        EdgeServer server;
        try {
            server = EdgeServer.start(EdgeConfig.fromEnvironment(System.getenv()));
        } catch (IllegalArgumentException e) {
            log.error("invalid configuration: {}", e.getMessage());
            System.exit(EnrollCommand.USAGE);
            return;
        } catch (IOException | RuntimeException e) {
            log.error("edge ingress failed to start", e);
            System.exit(1);
            return;
        }
        // SIGTERM/SIGINT run the hook: stop() drains the streams, then closes broker and pool.
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "edge-shutdown"));
        server.awaitTermination();
    }
}
