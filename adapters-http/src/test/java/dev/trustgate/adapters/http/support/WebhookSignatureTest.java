package dev.trustgate.adapters.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Meta's X-Hub-Signature-256 as trustgate checks it on intake. */
class WebhookSignatureTest {

    private static final byte[] BODY = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
    /** The published HMAC-SHA256 of {@link #BODY} keyed with "key". */
    private static final String PUBLISHED = "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";

    private final WebhookSignature signature = new WebhookSignature("key");

    @Test
    void signsWithThePublishedHmacSha256() {
        assertThat(signature.sign(BODY)).isEqualTo(PUBLISHED);
    }

    @Test
    void acceptsTheBodysSignatureInEitherCase() {
        assertThat(signature.verify(BODY, PUBLISHED)).isTrue();
        assertThat(signature.verify(BODY, PUBLISHED.toUpperCase(java.util.Locale.ROOT))).isTrue();
    }

    @Test
    void refusesAnythingElse() {
        assertThat(signature.verify(BODY, null)).isFalse();
        assertThat(signature.verify(BODY, "")).isFalse();
        assertThat(signature.verify(BODY, PUBLISHED.substring("sha256=".length()))).isFalse();
        assertThat(signature.verify(BODY, PUBLISHED.substring(0, PUBLISHED.length() - 2))).isFalse();
        assertThat(signature.verify(BODY, PUBLISHED + "00")).isFalse();
        assertThat(signature.verify(BODY, PUBLISHED.replace("f7bc", "zzbc"))).isFalse();
        assertThat(signature.verify(BODY, PUBLISHED.replace("sha256=", "sha1="))).isFalse();
        assertThat(signature.verify("another body".getBytes(StandardCharsets.UTF_8), PUBLISHED)).isFalse();
        assertThat(new WebhookSignature("another key").verify(BODY, PUBLISHED)).isFalse();
    }
}
