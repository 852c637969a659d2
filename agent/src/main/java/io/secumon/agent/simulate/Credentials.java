package io.secumon.agent.simulate;

import io.secumon.agent.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --credentials} file of {@code simulate}: one {@code agent_id token} pair per
 * line, separated by white space, as enrolment printed them; blank lines and lines starting
 * with {@code #} are skipped. Simulated agents must be enrolled: the edge checks each token.
 */
public final class Credentials {

    static final String SETTING = "--credentials";

    private Credentials() {
    }

    /** The first {@code needed} agents of {@code file}; a {@link ConfigException} if it has fewer or a bad line. */
    public static List<Simulator.Agent> read(Path file, int needed) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConfigException(SETTING, "cannot read " + file + " (" + e + ")");
        }
        List<Simulator.Agent> agents = new ArrayList<>();
        for (int n = 0; n < lines.size() && agents.size() < needed; n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 2) {
                throw new ConfigException(SETTING, file + " line " + (n + 1) + ": expected 'agent_id token', found "
                        + fields.length + " fields");
            }
            agents.add(new Simulator.Agent(fields[0], fields[1]));
        }
        if (agents.size() < needed) {
            throw new ConfigException(SETTING, file + " has " + agents.size() + " agent credentials, --agents "
                    + needed + " needs at least " + needed + " (one enrolled 'agent_id token' per line)");
        }
        return agents;
    }
}
