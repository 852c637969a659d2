package io.secumon.store;

import io.secumon.pipeline.poison.PoisonMessageException;
import java.util.Arrays;
import java.util.Map;

/**
 * Canonical JSON text of a label set: keys sorted, no whitespace. PostgreSQL compares the
 * {@code jsonb} it parses from this structurally; the text itself is the cache key, so it
 * must be deterministic for equal maps (protobuf keeps map entries in wire order).
 */
final class LabelsJson {

    private LabelsJson() {
    }

    /**
     * @throws PoisonMessageException when a key or value contains U+0000, which neither
     *         {@code text} nor {@code jsonb} can hold (the batch could never be stored)
     */
    static String encode(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "{}";
        }
        String[] keys = labels.keySet().toArray(new String[0]);
        Arrays.sort(keys);
        StringBuilder json = new StringBuilder(16 * keys.length + 2).append('{');
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            appendString(json, keys[i]);
            json.append(':');
            appendString(json, labels.get(keys[i]));
        }
        return json.append('}').toString();
    }

    private static void appendString(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\0' -> throw new PoisonMessageException("label contains a NUL character: " + value.replace('\0', '?'));
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
