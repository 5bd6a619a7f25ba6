package dev.trustgate.adapters.whatsapp;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach the Cloud API: at Meta or at 360dialog ({@link CloudApiHost}), and how patiently.
 * {@code retries} bounds the extra attempts a call may make (settings calls on 429/5xx; sends only when
 * WhatsApp provably did not get the request).
 */
public record CloudApiSettings(CloudApiHost host, Duration connectTimeout, Duration requestTimeout, int retries,
                               Duration retryBackoff, Duration maxRetryAfter) {

    public CloudApiSettings {
        Objects.requireNonNull(host, "host");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
    }

    /** Meta's Graph API with the usual patience. */
    public static CloudApiSettings of(URI graphUrl, String version, String accessToken) {
        return of(new CloudApiHost.MetaGraph(graphUrl, version, accessToken));
    }

    /** 360dialog's Cloud API with the usual patience; {@code apiKeys} holds each business number's key. */
    public static CloudApiSettings of360dialog(URI baseUrl, Map<dev.trustgate.domain.BusinessNumberId, String> apiKeys) {
        return of(new CloudApiHost.Dialog360(baseUrl, apiKeys));
    }

    public static CloudApiSettings of(CloudApiHost host) {
        return new CloudApiSettings(host, Duration.ofSeconds(3), Duration.ofSeconds(10), 2, Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    /** The same settings with another limit on how long one call waits for WhatsApp's answer. */
    public CloudApiSettings withRequestTimeout(Duration timeout) {
        return new CloudApiSettings(host, connectTimeout, timeout, retries, retryBackoff, maxRetryAfter);
    }

    @Override
    public String toString() {
        return "CloudApiSettings[" + host + "]";
    }
}
