package dev.trustgate.adapters.http;

import java.time.Duration;
import java.util.Optional;

/**
 * What the HTTP adapter needs to know: the WhatsApp app secret (webhook signatures) and verify token
 * (subscription handshake), the largest webhook accepted, and the key protecting {@code /metrics}.
 */
public record HttpSettings(String appSecret, String verifyToken, int maxWebhookBytes, Optional<String> metricsKey,
                           Duration idleTimeout) {

    /** How long a connection may stall (no byte read or written) before it is closed: slow clients hold nothing. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    public HttpSettings(String appSecret, String verifyToken, int maxWebhookBytes, Optional<String> metricsKey) {
        this(appSecret, verifyToken, maxWebhookBytes, metricsKey, DEFAULT_IDLE_TIMEOUT);
    }

    public HttpSettings {
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be positive");
        }
        if (appSecret == null || appSecret.isEmpty()) {
            throw new IllegalArgumentException("the WhatsApp app secret is required");
        }
        if (verifyToken == null || verifyToken.isEmpty()) {
            throw new IllegalArgumentException("the WhatsApp verify token is required");
        }
        if (maxWebhookBytes < 1024) {
            throw new IllegalArgumentException("the webhook size limit must be at least 1024 bytes");
        }
    }

    @Override
    public String toString() {
        return "HttpSettings[appSecret=***, verifyToken=***, maxWebhookBytes=" + maxWebhookBytes + ", idleTimeout=" + idleTimeout + "]";
    }
}
