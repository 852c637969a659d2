package io.secumon.api.auth;

import java.util.UUID;

/**
 * A newly issued API key. {@link #key()} is the only copy of the plaintext: the database
 * keeps its SHA-256, so it must be handed to its user now.
 */
public record IssuedApiKey(UUID tenantId, UUID keyId, String key) {

    /** Keeps the key out of logs that print the record. */
    @Override
    public String toString() {
        return "IssuedApiKey[tenantId=" + tenantId + ", keyId=" + keyId + "]";
    }
}
