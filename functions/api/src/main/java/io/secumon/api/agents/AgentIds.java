package io.secumon.api.agents;

import io.secumon.api.problem.ApiProblem;
import java.util.UUID;
import java.util.regex.Pattern;

/** Agent ids as they appear in paths and bodies: UUIDs in their canonical text form. */
public final class AgentIds {

    // UUID.fromString also accepts short forms like "1-2-3-4-5"; ids in URLs must be canonical.
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private AgentIds() {
    }

    /**
     * The agent id {@code text} names.
     *
     * @throws ApiProblem 400 {@code malformed-id} when {@code text} is not a UUID
     */
    public static UUID parse(String text) {
        if (text == null || !CANONICAL.matcher(text).matches()) {
            throw ApiProblem.badRequest("malformed-id",
                    "agent id '" + shortened(text) + "' is not a UUID (like 3f2b8c1e-9a4d-4e57-8f0a-2c6d1b7e9f30)");
        }
        return UUID.fromString(text);
    }

    private static String shortened(String text) {
        return text != null && text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
