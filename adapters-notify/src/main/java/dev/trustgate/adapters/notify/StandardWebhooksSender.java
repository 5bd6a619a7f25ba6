package dev.trustgate.adapters.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.port.out.NotificationSender;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.ParentUserId;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import dev.trustgate.application.port.out.Subscription;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts trust events to the business's endpoints, signed per Standard Webhooks: {@code webhook-id}
 * (the same on every retry), {@code webhook-timestamp} (epoch seconds) and {@code webhook-signature:
 * v1,<base64 HMAC-SHA256 of id.timestamp.body>} keyed with the subscription's secret. Each attempt
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
        String timestamp = Long.toString(now.getEpochSecond());
        return delivery.send(delivery.request(subscription.url())
                .header("Content-Type", "application/json")
                .header("webhook-id", deliveryId)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", "v1," + sign(subscription.secret(), deliveryId + "." + timestamp + "." + body))
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

    /** Base64 HMAC-SHA256 of {@code content} with {@code secret}. */
    public static String sign(byte[] secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
