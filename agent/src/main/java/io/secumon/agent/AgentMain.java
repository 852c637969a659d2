package io.secumon.agent;

import io.secumon.agent.cli.AgentCommandLine;
import java.time.Clock;
import oshi.SystemInfo;

/** The agent's process entry point: selects the agent's logging, then runs {@link AgentCommandLine}. */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) {
        // Before the first logger exists: logback reads this once, at initialisation.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "secumon-agent-logback.xml");
        }
        int code = new AgentCommandLine(System.out, System.err, System.getenv(), new SystemInfo(),
                Clock.systemUTC(), Thread::sleep,
                stop -> Runtime.getRuntime().addShutdownHook(new Thread(stop, "secumon-shutdown")))
                .execute(args);
        // A `run` that returned 0 was stopped by the shutdown hook while the JVM is already
        // exiting, where System.exit would block; every other outcome exits explicitly.
        boolean stoppedRun = code == 0 && args.length > 0 && args[0].equals("run");
        if (!stoppedRun) {
            System.exit(code);
        }
    }
}
