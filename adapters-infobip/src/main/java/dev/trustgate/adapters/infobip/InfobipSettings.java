package dev.trustgate.adapters.infobip;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach Infobip: the account's own base URL ({@code https://<id>.api.infobip.com}), the API key sent as
 * {@code Authorization: App <key>}, whether Infobip's support has enabled the identity change add-on for the
 * account (it cannot be turned on through the API), and how patiently. {@code retries} bounds the extra attempts
 * (sends only when Infobip provably did not get the request).
 */
public record InfobipSettings(URI baseUrl, String apiKey, boolean identityChangeEnabled, Duration connectTimeout,
                              Duration requestTimeout, int retries, Duration retryBackoff, Duration maxRetryAfter) {

    public InfobipSettings {
        if (baseUrl == null || baseUrl.getScheme() == null || !baseUrl.getScheme().matches("https?")) {
            throw new IllegalArgumentException("the Infobip base URL must be an http(s) URL");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("an Infobip API key is required");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
    }

    public static InfobipSettings of(URI baseUrl, String apiKey, boolean identityChangeEnabled) {
        return new InfobipSettings(baseUrl, apiKey, identityChangeEnabled, Duration.ofSeconds(3), Duration.ofSeconds(10), 2,
                Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    /** The same settings with another limit on how long one call waits for Infobip's answer. */
    public InfobipSettings withRequestTimeout(Duration timeout) {
        return new InfobipSettings(baseUrl, apiKey, identityChangeEnabled, connectTimeout, timeout, retries, retryBackoff, maxRetryAfter);
    }

    URI endpoint(String path) {
        return URI.create(baseUrl.toString().replaceAll("/+$", "") + path);
    }

    @Override
    public String toString() {
        return "InfobipSettings[" + baseUrl + ", key ***, identity change " + (identityChangeEnabled ? "enabled" : "not enabled") + "]";
    }
}
