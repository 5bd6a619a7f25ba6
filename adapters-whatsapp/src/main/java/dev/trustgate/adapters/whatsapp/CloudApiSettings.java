package dev.trustgate.adapters.whatsapp;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How to reach the WhatsApp Cloud API. {@code retries} bounds the extra attempts a call may make
 * (settings calls on 429/5xx; sends only when WhatsApp provably did not get the request).
 */
public record CloudApiSettings(URI graphUrl, String version, String accessToken, Duration connectTimeout,
                               Duration requestTimeout, int retries, Duration retryBackoff, Duration maxRetryAfter) {

    private static final Pattern VERSION = Pattern.compile("v[0-9]+\\.[0-9]+");

    public CloudApiSettings {
        if (graphUrl == null || graphUrl.getScheme() == null || !graphUrl.getScheme().matches("https?")) {
            throw new IllegalArgumentException("Graph URL must be an http(s) URL");
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("Graph version must look like v25.0");
        }
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("an access token is required");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
    }

    public static CloudApiSettings of(URI graphUrl, String version, String accessToken) {
        return new CloudApiSettings(graphUrl, version, accessToken, Duration.ofSeconds(3), Duration.ofSeconds(10), 2,
                Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    /** The same settings with another limit on how long one call waits for WhatsApp's answer. */
    public CloudApiSettings withRequestTimeout(Duration timeout) {
        return new CloudApiSettings(graphUrl, version, accessToken, connectTimeout, timeout, retries, retryBackoff, maxRetryAfter);
    }

    URI endpoint(String phoneNumberId, String edge) {
        String base = graphUrl.toString().replaceAll("/+$", "");
        return URI.create(base + "/" + version + "/" + phoneNumberId + "/" + edge);
    }

    @Override
    public String toString() {
        return "CloudApiSettings[" + graphUrl + " " + version + ", token ***]";
    }
}
