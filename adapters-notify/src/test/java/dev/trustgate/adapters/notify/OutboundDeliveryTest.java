package dev.trustgate.adapters.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.trustgate.application.port.out.NotificationSender.Outcome;
import dev.trustgate.application.port.out.WebhookRelay;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the business's endpoint receives from trustgate, seen by a real local HTTP server. */
class OutboundDeliveryTest {

    /** One request as the endpoint saw it. */
    record Received(String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer endpoint;

    private String endpoint(int status, Map<String, String> answerHeaders) throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            answerHeaders.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        endpoint.start();
        return "http://127.0.0.1:" + endpoint.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.stop(0);
        }
    }

    @Test
    void aRelayedWebhookCarriesTheBodyAsQueuedSignedLikeMetaSignsItAndTheTrustHeader() throws Exception {
        String url = endpoint(200, Map.of());
        HttpWebhookRelay relay = new HttpWebhookRelay(URI.create(url + "/whatsapp"), "key", Duration.ofSeconds(5));

        Outcome outcome = relay.relay(WebhookRelay.DEFAULT_DESTINATION, "The quick brown fox jumps over the lazy dog",
                "ct_1=TRUSTED");

        assertThat(outcome).isEqualTo(new Outcome.Delivered());
        Received request = received.get(0);
        assertThat(request.path()).isEqualTo("/whatsapp");
        assertThat(request.body()).isEqualTo("The quick brown fox jumps over the lazy dog");
        // the published HMAC-SHA256 test value for this key and text
        assertThat(request.header("X-Hub-Signature-256"))
                .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
        assertThat(request.header("X-Trustgate-Trust")).isEqualTo("ct_1=TRUSTED");
    }

    @Test
    void aNotificationIsSignedPerStandardWebhooksWithItsIdTimestampAndBody() throws Exception {
        String url = endpoint(204, Map.of());
        StandardWebhooksSender sender = new StandardWebhooksSender(Duration.ofSeconds(5));
        byte[] secret = "whsec-test".getBytes(StandardCharsets.UTF_8);

        Outcome outcome = sender.deliver(Samples.subscription(url + "/hooks", secret), "dlv_1", Samples.event(),
                java.time.Instant.parse("2026-06-01T12:00:00Z"));

        assertThat(outcome).isEqualTo(new Outcome.Delivered());
        Received request = received.get(0);
        assertThat(request.header("webhook-id")).isEqualTo("dlv_1");
        assertThat(request.header("webhook-timestamp")).isEqualTo("1780315200");
        assertThat(request.header("webhook-signature")).startsWith("v1,").doesNotContain(" ");
        assertThat(StandardWebhooksVerifier.verifies(secret, "dlv_1", "1780315200", request.body(),
                request.header("webhook-signature"))).as("the signature checks out with a verifier written from the spec")
                .isTrue();
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertThat(body.get("type").asText()).isEqualTo(Samples.event().type());
        assertThat(body.get("data").get("sequence").asLong()).isEqualTo(Samples.event().sequence());
    }

    @Test
    void goneAndRetryAfterAreToldApart() throws Exception {
        String gone = endpoint(410, Map.of());
        StandardWebhooksSender sender = new StandardWebhooksSender(Duration.ofSeconds(5));
        assertThat(sender.deliver(Samples.subscription(gone, new byte[] {1}), "dlv_2", Samples.event(), java.time.Instant.EPOCH))
                .isEqualTo(new Outcome.Gone());
        stop();

        String busy = endpoint(503, Map.of("Retry-After", "120"));
        assertThat(sender.deliver(Samples.subscription(busy, new byte[] {1}), "dlv_3", Samples.event(), java.time.Instant.EPOCH))
                .isEqualTo(new Outcome.RetryLater("HTTP 503", Optional.of(Duration.ofSeconds(120))));
    }
}
