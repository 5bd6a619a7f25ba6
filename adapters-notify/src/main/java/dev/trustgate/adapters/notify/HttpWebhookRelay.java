package dev.trustgate.adapters.notify;

import dev.trustgate.application.port.out.NotificationSender.Outcome;
import dev.trustgate.application.port.out.WebhookRelay;
import dev.trustgate.domain.BusinessNumberId;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Relays verified WhatsApp webhooks to the business's own app: to the URL of its business number
 * ({@code TRUSTGATE_RELAY_URLS}) or to the default one ({@code TRUSTGATE_RELAY_URL}), the body as queued,
 * {@code X-Hub-Signature-256} re-computed with the relay secret (by default the app secret, so the app's own
 * check keeps working), and {@code X-Trustgate-Trust: <name>=<STATE>,…} (each customer by the name the
 * webhook used). Relayed webhooks go through the same outbox, claims and total deadline as notifications;
 * the URL of a destination is read at each attempt.
 */
public final class HttpWebhookRelay implements WebhookRelay {

    private final Optional<String> defaultUrl;
    private final Map<BusinessNumberId, String> urls;
    private final HubSignature signature;
    private final BoundedDelivery delivery;

    /**
     * @param defaultUrl where webhooks of business numbers without a URL of their own, and those concerning
     *                   none, go; empty: those are not relayed
     * @param urls       the business numbers with a relay URL of their own
     * @param deadline   the total time one attempt may take: connecting, the answer's headers and its body
     */
    public HttpWebhookRelay(Optional<URI> defaultUrl, Map<BusinessNumberId, URI> urls, String secret, Duration deadline) {
        this.defaultUrl = defaultUrl.map(URI::toString);
        Map<BusinessNumberId, String> own = new LinkedHashMap<>();
        urls.forEach((business, url) -> own.put(business, url.toString()));
        this.urls = Map.copyOf(own);
        this.signature = new HubSignature(secret);
        this.delivery = new BoundedDelivery(deadline);
    }

    /** Every webhook to {@code url}. */
    public HttpWebhookRelay(URI url, String secret, Duration deadline) {
        this(Optional.of(url), Map.of(), secret, deadline);
    }

    @Override
    public boolean enabled() {
        return defaultUrl.isPresent() || !urls.isEmpty();
    }

    @Override
    public Optional<String> destination(Optional<BusinessNumberId> business) {
        if (business.isPresent() && urls.containsKey(business.get())) {
            return Optional.of(WebhookRelay.destinationOf(business.get()));
        }
        return defaultUrl.map(url -> DEFAULT_DESTINATION);
    }

    @Override
    public Outcome relay(String destination, String body, String trustHeader) {
        Optional<String> url = url(destination);
        if (url.isEmpty()) {
            return new Outcome.Refused("no relay URL is configured for " + destination + " (TRUSTGATE_RELAY_URLS, TRUSTGATE_RELAY_URL)");
        }
        Optional<String> problem = BoundedDelivery.problemWith(url.get());
        if (problem.isPresent()) {
            return new Outcome.Refused("the relay url cannot be used: " + problem.get());
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = delivery.request(url.get())
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", signature.sign(bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (!trustHeader.isEmpty()) {
            request.header("X-Trustgate-Trust", trustHeader);
        }
        return delivery.send(request.build());
    }

    /** The URL {@code destination} has now: a business's own, else (also once it has none any more) the default. */
    private Optional<String> url(String destination) {
        String prefix = DEFAULT_DESTINATION + ":";
        if (destination.startsWith(prefix)) {
            try {
                String own = urls.get(new BusinessNumberId(destination.substring(prefix.length())));
                if (own != null) {
                    return Optional.of(own);
                }
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            return defaultUrl;
        }
        return DEFAULT_DESTINATION.equals(destination) ? defaultUrl : Optional.empty();
    }
}
