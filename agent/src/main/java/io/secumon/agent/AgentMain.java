package io.secumon.agent;

import io.secumon.agent.cli.AgentCommandLine;
import java.time.Clock;
import io.secumon.agent.collect.LinuxHost;

/** The agent's process entry point: runs {@link AgentCommandLine} on the real host. */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) {
        int code = new AgentCommandLine(System.out, System.err, System.getenv(), LinuxHost.open(),
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
