package io.secumon.store;

import io.secumon.proto.v1.AgentIdentity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Records in {@code agents} that an agent delivered a batch: {@code last_seen} moves
 * forward (never back) to when the edge received it, the agent is online unless an
 * operator disabled it, and the identity it reported replaces what was known. Fields the
 * agent left empty keep their stored value. The labels it reports go to {@code
 * reported_labels}; {@code labels} are the operator's, set through the api, and stay.
 *
 * <p>{@code last_seen} uses the edge's receive time rather than sample times: a skewed
 * agent clock must not make an agent look alive in the future.
 */
final class AgentPresence {

    private static final String UPDATE = """
            UPDATE agents
               SET last_seen = greatest(last_seen, ?), -- greatest ignores a NULL last_seen
                   status = CASE WHEN status = 'disabled' THEN status ELSE 'online' END,
                   hostname = coalesce(?, hostname),
                   os = coalesce(?, os),
                   os_version = coalesce(?, os_version),
                   arch = coalesce(?, arch),
                   version = coalesce(?, version),
                   ip_addresses = coalesce(?::text[], ip_addresses),
                   reported_labels = coalesce(?::jsonb, reported_labels),
                   updated_at = now()
             WHERE tenant_id = ? AND id = ?""";

    private AgentPresence() {
    }

    /** Returns false when the agent has no row (enrolment removed it); the samples are kept anyway. */
    static boolean update(Connection connection, BatchPlan plan) throws SQLException {
        AgentIdentity agent = plan.batch().getAgent(); // the default instance when absent: all fields empty
        OffsetDateTime seen = OffsetDateTime.ofInstant(Instant.ofEpochMilli(plan.receivedAtMs()), ZoneOffset.UTC);
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            update.setObject(1, seen);
            setText(update, 2, agent.getHostname());
            setText(update, 3, agent.getOs());
            setText(update, 4, agent.getOsVersion());
            setText(update, 5, agent.getArch());
            setText(update, 6, agent.getAgentVersion());
            if (agent.getIpAddressesCount() > 0) {
                update.setArray(7, connection.createArrayOf("text", agent.getIpAddressesList().toArray()));
            } else {
                update.setNull(7, Types.ARRAY);
            }
            setText(update, 8, agent.getLabelsCount() > 0 ? LabelsJson.encode(agent.getLabelsMap()) : "");
            update.setObject(9, plan.tenant());
            update.setObject(10, plan.agent());
            return update.executeUpdate() > 0;
        }
    }

    private static void setText(PreparedStatement statement, int index, String value) throws SQLException {
        if (value.isEmpty()) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
