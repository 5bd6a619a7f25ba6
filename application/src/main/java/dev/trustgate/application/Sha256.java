package dev.trustgate.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as trustgate stores it, in lowercase hex: the audit chain's seals and the API keys' stored form. */
public final class Sha256 {

    private Sha256() {
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes, in lowercase hex. */
    public static String hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
