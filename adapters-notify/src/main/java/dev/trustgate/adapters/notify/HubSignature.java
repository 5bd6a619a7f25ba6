package dev.trustgate.adapters.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a relayed webhook the way Meta signs the original, so the business app's own check keeps working:
 * {@code X-Hub-Signature-256: sha256=<lowercase hex HMAC-SHA256 of the body>}. The HTTP adapter verifies the
 * same header on intake; the two never share code, as adapters do not depend on each other.
 */
final class HubSignature {

    private final SecretKeySpec key;

    HubSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The header value for {@code body}. */
    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
