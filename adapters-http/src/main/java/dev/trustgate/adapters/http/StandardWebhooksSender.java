package dev.trustgate.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.port.out.NotificationSender;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.ParentUserId;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import dev.trustgate.application.port.out.Subscription;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * v1,<base64 HMAC-SHA256 of id.timestamp.body>} keyed with the subscription's secret.
 */
public final class StandardWebhooksSender implements NotificationSender {

    private final HttpClient http;
    private final ObjectMapper json = Json.mapper();
    private final Duration timeout;

    public StandardWebhooksSender(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Outcome deliver(Subscription subscription, String deliveryId, RecordedEvent event, Instant now) {
        String body = body(event);
        String timestamp = Long.toString(now.getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.url())).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("webhook-id", deliveryId)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", "v1," + sign(subscription.secret(), deliveryId + "." + timestamp + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status / 100 == 2) {
                return new Outcome.Delivered();
            }
            if (status == 410) {
                return new Outcome.Gone();
            }
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(value -> {
                try {
                    return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            });
            return new Outcome.RetryLater("HTTP " + status, retryAfter);
        } catch (IOException e) {
            return new Outcome.RetryLater(e instanceof java.net.http.HttpTimeoutException ? "timed out" : "cannot connect: "
                    + e.getClass().getSimpleName(), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.RetryLater("interrupted", Optional.empty());
        }
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
