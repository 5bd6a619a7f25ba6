package dev.trustgate.adapters.http.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * How a secret a caller presents is compared with one trustgate was given: as SHA-256 digests, in constant time, so
 * the time taken tells neither how close a guess came nor how long the secret is.
 */
final class ConstantTime {

    private ConstantTime() {
    }

    /** Whether {@code presented} is {@code expected}; an absent value matches nothing. */
    static boolean same(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(sha256(expected), sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
