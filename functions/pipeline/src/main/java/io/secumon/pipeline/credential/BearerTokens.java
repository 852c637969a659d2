package io.secumon.pipeline.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * SecuMon's secrets: a prefix naming the kind, then 32 random bytes in base64url without
 * padding. Agent tokens ({@link #AGENT_TOKEN}) are checked by the edge, API keys
 * ({@link #API_KEY}) by the api. Only their SHA-256 is stored; a fast hash suffices
 * because 256 random bits leave no dictionary to attack (see the V1 migration).
 */
public final class BearerTokens {

    /** Prefix of agent tokens; prefixes let secret scanners and humans recognise a leaked one. */
    public static final String AGENT_TOKEN = "smt_";

    /** Prefix of API keys. */
    public static final String API_KEY = "smk_";

    private BearerTokens() {
    }

    /** A new secret of the kind {@code prefix}, drawn from {@code random}. */
    public static String generate(SecureRandom random, String prefix) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of the secret's UTF-8 bytes, as stored in the credential tables. */
    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
