package dev.trustgate.adapters.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import dev.trustgate.application.port.out.NotificationSender;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.ParentUserId;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import dev.trustgate.application.port.out.Subscription;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Posts trust events to the business's endpoints, signed per Standard Webhooks: {@code webhook-id}
 * (the same on every retry), {@code webhook-timestamp} (epoch seconds) and {@code webhook-signature:
 * v1,<base64 HMAC-SHA256 of id.timestamp.body>} keyed with the subscription's secret, signed with the
 * specification's own Java library (a test checks it against a verifier written from the spec). Each attempt
 * ends within its total deadline, and a URL that cannot be used parks the delivery instead of throwing.
 */
public final class StandardWebhooksSender implements NotificationSender {

    private final BoundedDelivery delivery;
    private final ObjectMapper json = new ObjectMapper();

    /** @param deadline the total time one attempt may take: connecting, the answer's headers and its body */
    public StandardWebhooksSender(Duration deadline) {
        this.delivery = new BoundedDelivery(deadline);
    }

    @Override
    public Optional<String> problemWithUrl(String url) {
        return BoundedDelivery.problemWith(url);
    }

    @Override
    public Outcome deliver(Subscription subscription, String deliveryId, RecordedEvent event, Instant now) {
        Optional<String> problem = problemWithUrl(subscription.url());
        if (problem.isPresent()) {
            return new Outcome.Refused("the subscription's url cannot be used: " + problem.get());
        }
        String body = body(event);
        long timestamp = now.getEpochSecond();
        return delivery.send(delivery.request(subscription.url())
                .header("Content-Type", "application/json")
                .header("webhook-id", deliveryId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature(subscription.secret(), deliveryId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /** {@code {"type","timestamp","data":{…the event…}}}, the Standard Webhooks payload shape. */
    String body(RecordedEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sequence", event.sequence());
        data.put("phoneNumberId", event.contact().business().value());
        data.put("contactId", event.contact().id().value());
        data.put("waId", event.contact().names().waId().map(WaId::value).orElse(null));
        data.put("userId", event.contact().names().userId().map(UserId::value).orElse(null));
        data.put("parentUserId", event.contact().names().parentUserId().map(ParentUserId::value).orElse(null));
        data.put("at", event.at().toString());
        data.put("actor", event.actor().id());
        data.put("data", new TreeMap<>(event.data()));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", event.type());
        payload.put("timestamp", event.at().toString());
        payload.put("data", data);
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code v1,<signature>}, signed by the Standard Webhooks project's own library. */
    private static String signature(byte[] secret, String id, long timestamp, String body) {
        try {
            return new Webhook(secret).sign(id, timestamp, body);
        } catch (WebhookSigningException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
