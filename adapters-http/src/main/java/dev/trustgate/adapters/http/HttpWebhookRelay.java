package dev.trustgate.adapters.http;

import dev.trustgate.application.port.out.NotificationSender.Outcome;
import dev.trustgate.application.port.out.WebhookRelay;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Relays verified WhatsApp webhooks to the business's own app at {@code TRUSTGATE_RELAY_URL}: the body
 * byte-identical, {@code X-Hub-Signature-256} re-computed with the relay secret (by default the app
 * secret, so the app's own check keeps working), and {@code X-Trustgate-Trust: <name>=<STATE>,…} (each customer by the name the webhook used).
 */
public final class HttpWebhookRelay implements WebhookRelay {

    private final URI url;
    private final WebhookSignature signature;
    private final HttpClient http;
    private final Duration timeout;

    public HttpWebhookRelay(URI url, String secret, Duration timeout) {
        this.url = url;
        this.signature = new WebhookSignature(secret);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Outcome relay(String rawBody, String trustHeader) {
        byte[] body = rawBody.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", signature.sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!trustHeader.isEmpty()) {
            request.header("X-Trustgate-Trust", trustHeader);
        }
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                return new Outcome.Delivered();
            }
            return status == 410 ? new Outcome.Gone() : new Outcome.RetryLater("HTTP " + status, Optional.empty());
        } catch (IOException e) {
            return new Outcome.RetryLater("cannot reach the relay destination: " + e.getClass().getSimpleName(), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.RetryLater("interrupted", Optional.empty());
        }
    }
}
