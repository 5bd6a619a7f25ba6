package dev.trustgate.adapters.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A business's check of a Standard Webhooks signature, written from the specification rather than from the code
 * that signs, so a test that uses it would catch a signer that drifted from the spec: {@code webhook-signature}
 * holds one or more space-separated {@code v1,<base64>} entries, each base64 of HMAC-SHA256 over
 * {@code <webhook-id>.<webhook-timestamp>.<body>} keyed with the secret's bytes (the base64 after {@code whsec_}).
 * It leaves the timestamp's freshness to the caller, whose clock a test sets.
 */
public final class StandardWebhooksVerifier {

    private StandardWebhooksVerifier() {
    }

    /** The key a {@code whsec_…} secret stands for. */
    public static byte[] key(String whsec) {
        if (!whsec.startsWith("whsec_")) {
            throw new IllegalArgumentException("a Standard Webhooks secret starts with whsec_");
        }
        return Base64.getDecoder().decode(whsec.substring("whsec_".length()));
    }

    /** Whether one of the signatures in {@code signatureHeader} is the one {@code key} gives id, timestamp and body. */
    public static boolean verifies(byte[] key, String id, String timestamp, String body, String signatureHeader) {
        if (id == null || timestamp == null || body == null || signatureHeader == null) {
            return false;
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return Arrays.stream(signatureHeader.split(" ")).filter(entry -> entry.startsWith("v1,"))
                .anyMatch(entry -> MessageDigest.isEqual(expected, decodeOrEmpty(entry.substring(3))));
    }

    private static byte[] decodeOrEmpty(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
