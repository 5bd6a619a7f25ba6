package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustgate.application.fakes.WhatsAppSamples;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a key holder can do with subscriptions is bounded: a URL that cannot be used is refused at
 * creation, a business number has a limited number of them, and revoking a key stops the deliveries of
 * the subscriptions it created.
 */
class SubscriptionSafeguardsEndToEndTest {

    private static final String PNID = "106540352242922";
    private static final String ADMIN_KEY = "tg_safeguards_admin_key_0123456789";
    private static final String SECRET = "safeguards-app-secret";

    private final FakeGraph graph = new FakeGraph();
    private LocalServer server;

    @BeforeEach
    void start(@TempDir Path data) {
        server = LocalServer.start(LocalServer.env("jdbc:h2:file:" + data.resolve("trustgate"), graph.url(), ADMIN_KEY, SECRET));
    }

    @AfterEach
    void stop() {
        server.close();
        graph.close();
    }

    private HttpResponse<String> subscribe(String key, String url) {
        return server.call("POST", "/v1/subscriptions", key, "{\"url\":\"" + url + "\"}");
    }

    private void inbound(String waId) {
        byte[] body = WhatsAppSamples.text("inbound-text-with-identity-hash.json").replace("16505551234", waId)
                .replace("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", "wamid.safeguards-" + waId)
                .getBytes(StandardCharsets.UTF_8);
        assertThat(server.webhook(body).statusCode()).isEqualTo(200);
    }

    @Test
    void aUrlThatCannotBeParsedIsRefusedAtCreationWithTheReason() {
        String key = server.apiKey("crm", PNID);
        for (String url : List.of("http://crm.example/hooks%zz", "http://[::1/hooks", "http://crm_internal:8080/hooks")) {
            HttpResponse<String> refused = subscribe(key, url);

            assertThat(refused.statusCode()).as(url).isEqualTo(400);
            JsonNode problem = server.json(refused);
            assertThat(problem.get("code").asText()).isEqualTo("invalid_request");
            assertThat(problem.get("detail").asText()).as(url).startsWith("url ");
        }
        assertThat(server.json(server.call("GET", "/v1/subscriptions", key, null)).get("subscriptions")).isEmpty();
    }

    @Test
    void aBusinessNumberHasAtMostTenSubscriptions() {
        String key = server.apiKey("crm", PNID);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> created = subscribe(key, "http://crm.internal/hooks/" + i);
            assertThat(created.statusCode()).isEqualTo(201);
            ids.add(server.json(created).get("id").asText());
        }

        HttpResponse<String> refused = subscribe(key, "http://crm.internal/hooks/10");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(server.json(refused).get("code").asText()).isEqualTo("invalid_request");
        assertThat(server.json(refused).get("detail").asText()).contains(PNID).contains("10 subscriptions");
        assertThat(subscribe(ADMIN_KEY, "http://crm.internal/admin").statusCode())
                .as("the admin's subscriptions for every business count too").isEqualTo(400);

        assertThat(server.call("DELETE", "/v1/subscriptions/" + ids.get(0), key, null).statusCode()).isEqualTo(204);
        assertThat(subscribe(key, "http://crm.internal/hooks/10").statusCode()).isEqualTo(201);
    }

    @Test
    void revokingAKeyDisablesTheSubscriptionsItCreatedAndTheirDeliveriesStop() {
        try (FakeCrm revokedCrm = new FakeCrm(); FakeCrm adminsCrm = new FakeCrm()) {
            JsonNode created = server.json(server.call("POST", "/v1/api-keys", ADMIN_KEY,
                    "{\"name\":\"leaver\",\"phoneNumberIds\":[\"" + PNID + "\"]}"));
            String key = created.get("key").asText();
            revokedCrm.useSecret(server.json(subscribe(key, revokedCrm.url())).get("secret").asText());
            adminsCrm.useSecret(server.json(subscribe(ADMIN_KEY, adminsCrm.url())).get("secret").asText());
            inbound("4915100000001");
            await().atMost(Duration.ofSeconds(10)).until(() -> revokedCrm.received().size() == 1);

            assertThat(server.call("DELETE", "/v1/api-keys/" + created.get("id").asText(), ADMIN_KEY, null).statusCode())
                    .isEqualTo(204);
            JsonNode subscriptions = server.json(server.call("GET", "/v1/subscriptions", ADMIN_KEY, null)).get("subscriptions");
            assertThat(subscriptions).hasSize(2);
            subscriptions.forEach(s -> assertThat(s.get("enabled").asBoolean()).as(s.get("url").asText())
                    .isEqualTo(s.get("url").asText().equals(adminsCrm.url())));

            inbound("4915100000002");
            await().atMost(Duration.ofSeconds(10)).until(() -> adminsCrm.received().size() == 2);
            assertThat(revokedCrm.received()).as("nothing after the revocation").hasSize(1);
        }
    }
}
