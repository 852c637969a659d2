package io.secumon.edge.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Agent bearer tokens: {@code smt_} followed by 32 random bytes in base64url without
 * padding. Only their SHA-256 is stored; a fast hash suffices because 256 random bits
 * leave no dictionary to attack (see V1 migration).
 */
public final class BearerTokens {

    /** Marks SecuMon tokens so that secret scanners and humans recognise a leaked one. */
    public static final String PREFIX = "smt_";

    private BearerTokens() {
    }

    /** A new token drawn from {@code random}. */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of the token's UTF-8 bytes, as stored in {@code agent_credentials.token_sha256}. */
    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
