package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.WebhookSignature;
import dev.trustgate.adapters.persistence.EmbeddedPostgresServer;
import dev.trustgate.application.fakes.WhatsAppSamples;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The assembled server on a real PostgreSQL, live against a fake Graph API: opt-in, webhook, view, feed. */
class WebhookToFeedEndToEndTest {

    private static final String BUSINESS = "106540352242922";
    private static final String ADMIN_KEY = "tg_end_to_end_admin_key_0123456789";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final FakeGraph graph = new FakeGraph();
    private TrustgateServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        graph.close();
    }

    private TrustgateServer start() {
        Map<String, String> env = LocalServer.env(EmbeddedPostgresServer.newDatabase("e2e"), graph.url(), ADMIN_KEY, "e2e-secret");
        env.put("TRUSTGATE_DB_USER", "postgres");
        env.put("TRUSTGATE_DB_PASSWORD", "postgres");
        return TrustgateServer.start(Config.load(env, Optional.empty()));
    }

    private HttpResponse<String> call(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> webhook(String sample) throws Exception {
        byte[] body = WhatsAppSamples.bytes(sample);
        return call(HttpRequest.newBuilder(uri("/webhooks/whatsapp")).header("X-Hub-Signature-256",
                new WebhookSignature("e2e-secret").sign(body)).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    @Test
    void aSignedIdentityChangeWebhookBlocksTheContactAndShowsInTheFeed() throws Exception {
        server = start();
        assertThat(server.adminKey().shownOnce()).as("a configured admin key is never generated").isEmpty();
        assertThat(call(HttpRequest.newBuilder(uri("/health/ready"))).statusCode()).isEqualTo(200);

        HttpResponse<String> optIn = call(HttpRequest.newBuilder(uri("/v1/businesses/" + BUSINESS + "/identity-checks"))
                .header("Authorization", "Bearer " + ADMIN_KEY).PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true}")));
        assertThat(optIn.statusCode()).isEqualTo(200);
        assertThat(graph.settings()).containsExactly(BUSINESS + " {\"user_identity_change\":{\"enable_identity_key_check\":true}}");

        assertThat(webhook("inbound-text-with-identity-hash.json").statusCode()).isEqualTo(200);
        assertThat(webhook("system-customer-identity-changed.json").statusCode()).isEqualTo(200);
        assertThat(webhook("system-customer-identity-changed.json").statusCode()).as("redelivery").isEqualTo(200);

        JsonNode contact = json.readTree(call(HttpRequest.newBuilder(uri("/v1/businesses/" + BUSINESS + "/contacts/16505551234"))
                .header("Authorization", "Bearer " + ADMIN_KEY)).body());
        assertThat(contact.get("state").asText()).isEqualTo("IDENTITY_CHANGED");
        assertThat(contact.get("sendAllowed").asBoolean()).isFalse();

        JsonNode feed = json.readTree(call(HttpRequest.newBuilder(uri("/v1/businesses/" + BUSINESS + "/events"))
                .header("Authorization", "Bearer " + ADMIN_KEY)).body());
        assertThat(feed.get("events")).extracting(e -> e.get("type").asText())
                .containsExactly("identity.baseline", "identity.changed", "trust.broken");
    }
}
