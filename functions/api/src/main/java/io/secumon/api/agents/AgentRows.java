package io.secumon.api.agents;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** How an {@link Agent} is selected from {@code agents} and read back, and how labels are bound. */
final class AgentRows {

    /** The select list {@link #agent} reads (the status is computed, see {@link AgentStatus}). */
    static final String COLUMNS = "id, name, hostname, ip_addresses, os, os_version, arch, version,"
            + " labels::text AS labels_json, reported_labels::text AS reported_labels_json, last_seen, created_at,"
            + " updated_at, " + AgentStatus.SQL + " AS computed_status";

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    private final JsonMapper json;

    AgentRows(JsonMapper json) {
        this.json = json;
    }

    Agent agent(Readable row) {
        String[] addresses = row.get("ip_addresses", String[].class);
        return new Agent(
                row.get("id", UUID.class),
                row.get("name", String.class),
                AgentStatus.fromLabel(row.get("computed_status", String.class)),
                row.get("hostname", String.class),
                addresses == null ? List.of() : List.of(addresses),
                row.get("os", String.class),
                row.get("os_version", String.class),
                row.get("arch", String.class),
                row.get("version", String.class),
                json.readValue(row.get("labels_json", String.class), LABELS),
                json.readValue(row.get("reported_labels_json", String.class), LABELS),
                instant(row, "last_seen"),
                instant(row, "created_at"),
                instant(row, "updated_at"));
    }

    /** Labels as the jsonb text bound for them: keys sorted, so equal sets are equal text. */
    String labelsJson(Map<String, String> labels) {
        return json.writeValueAsString(new TreeMap<>(labels));
    }

    /** A count column; 0 when NULL. */
    static long count(Readable row, String column) {
        Long value = row.get(column, Long.class);
        return value == null ? 0 : value;
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
