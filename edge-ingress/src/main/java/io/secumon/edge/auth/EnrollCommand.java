package io.secumon.edge.auth;

import io.secumon.edge.config.EdgeConfig;
import io.secumon.schema.SchemaMigrations;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The {@code enroll --tenant NAME --agent NAME} subcommand of the edge jar: enrolls an agent
 * in the database named by the usual {@code SECUMON_DB_*} variables (migrating it first, as
 * every process does) and prints the agent id and its token on standard output, one
 * {@code key=value} per line, so that scripts can read them.
 */
public final class EnrollCommand {

    /** Exit status for bad arguments or configuration (as getopt-style tools use). */
    public static final int USAGE = 2;
    static final String USAGE_TEXT = "usage: java -jar secumon-edge-ingress-exec.jar enroll --tenant NAME --agent NAME";

    private EnrollCommand() {
    }

    /**
     * Runs the subcommand.
     *
     * @param args        the arguments after {@code enroll}
     * @param environment where {@code SECUMON_DB_URL}, {@code SECUMON_DB_USER} and
     *                    {@code SECUMON_DB_PASSWORD} are read
     * @return the process exit status: 0 on success, {@link #USAGE} for bad arguments or
     *         configuration, 1 when the database refused
     */
    public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        String tenant = null;
        String agent = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            boolean hasValue = i + 1 < args.size() && !args.get(i + 1).isBlank();
            if (arg.equals("--tenant") && hasValue) {
                tenant = args.get(++i);
            } else if (arg.equals("--agent") && hasValue) {
                agent = args.get(++i);
            } else {
                err.println("enroll: unexpected or incomplete argument '" + arg + "'\n" + USAGE_TEXT);
                return USAGE;
            }
        }
        if (tenant == null || agent == null) {
            err.println("enroll: both --tenant and --agent are required\n" + USAGE_TEXT);
            return USAGE;
        }
        EdgeConfig config;
        try {
            config = EdgeConfig.fromEnvironment(environment);
        } catch (IllegalArgumentException e) {
            err.println("enroll: invalid configuration: " + e.getMessage());
            return USAGE;
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(config.dbUrl());
        dataSource.setUser(config.dbUser());
        dataSource.setPassword(config.dbPassword());
        try {
            SchemaMigrations.migrate(dataSource);
            EnrolledAgent enrolled = Enrollment.enroll(dataSource, tenant, agent);
            out.println("tenant_id=" + enrolled.tenantId());
            out.println("agent_id=" + enrolled.agentId());
            out.println("token=" + enrolled.token());
            err.println("enroll: store the token now; SecuMon keeps only its hash");
            return 0;
        } catch (RuntimeException e) {
            err.println("enroll: failed: " + e.getMessage());
            return 1;
        }
    }
}
