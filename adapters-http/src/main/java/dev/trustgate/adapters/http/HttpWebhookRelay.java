package dev.trustgate.adapters.http;

import dev.trustgate.application.port.out.NotificationSender.Outcome;
import dev.trustgate.application.port.out.WebhookRelay;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Relays verified WhatsApp webhooks to the business's own app at {@code TRUSTGATE_RELAY_URL}: the body
 * byte-identical, {@code X-Hub-Signature-256} re-computed with the relay secret (by default the app
 * secret, so the app's own check keeps working), and {@code X-Trustgate-Trust: <name>=<STATE>,…} (each customer by
 * the name the webhook used). Relayed webhooks go through the same outbox, claims and total deadline as notifications.
 */
public final class HttpWebhookRelay implements WebhookRelay {

    private final String url;
    private final WebhookSignature signature;
    private final BoundedDelivery delivery;

    /** @param deadline the total time one attempt may take: connecting, the answer's headers and its body */
    public HttpWebhookRelay(URI url, String secret, Duration deadline) {
        this.url = url.toString();
        this.signature = new WebhookSignature(secret);
        this.delivery = new BoundedDelivery(deadline);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Outcome relay(String rawBody, String trustHeader) {
        Optional<String> problem = BoundedDelivery.problemWith(url);
        if (problem.isPresent()) {
            return new Outcome.Refused("the relay url cannot be used: " + problem.get());
        }
        byte[] body = rawBody.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = delivery.request(url)
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", signature.sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!trustHeader.isEmpty()) {
            request.header("X-Trustgate-Trust", trustHeader);
        }
        return delivery.send(request.build());
    }
}
