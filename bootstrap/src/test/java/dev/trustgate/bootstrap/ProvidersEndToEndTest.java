package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustgate.application.fakes.WhatsAppSamples;
import dev.trustgate.testkit.FakeCloudApi;
import dev.trustgate.testkit.FakeInfobip;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's five steps on the assembled server, once per provider a deployment can choose, against that provider's
 * fake on a real socket (the testkit's, answering in the provider's published shapes): opt in, WhatsApp reports a
 * change, trust is broken and every send refused, the customer is re-authenticated, the business acknowledges and
 * sends flow again — pinned to the new identity where the provider pins, and with the provider's own block lifted
 * (never before trustgate's) where the provider keeps one.
 */
class ProvidersEndToEndTest {

    private static final String ADMIN_KEY = "tg_providers_admin_key_0123456789";
    private static final String OLD = "DF2lS5v2W6x=";
    private static final String NEW = "Qm9vbXNoYWthbGFrYQ==";

    @TempDir
    Path data;
    private LocalServer server;
    private AutoCloseable provider;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    private Map<String, String> env(Map<String, String> providerSettings) {
        Map<String, String> env = new HashMap<>(providerSettings);
        env.put("TRUSTGATE_HOST", "127.0.0.1");
        env.put("TRUSTGATE_PORT", "0");
        env.put("TRUSTGATE_DB_URL", "jdbc:h2:file:" + data.resolve("trustgate"));
        env.put("TRUSTGATE_ADMIN_KEY", ADMIN_KEY);
        return env;
    }

    private HttpResponse<String> call(String method, String path, String key, String body) {
        return server.call(method, path, key, body);
    }

    private JsonNode body(HttpResponse<String> response) {
        return server.json(response);
    }

    private HttpResponse<String> send(String from, String to, String key, boolean sensitive) {
        return call("POST", "/v1/messages", key, "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"sensitive\":" + sensitive
                + ",\"message\":{\"type\":\"text\",\"text\":{\"body\":\"Your statement\"}}}");
    }

    private List<String> eventTypes(String business) {
        return body(call("GET", "/v1/businesses/" + business + "/events", ADMIN_KEY, null)).path("events").findValuesAsText("type");
    }

    /** Steps 3 and 4: blocked, and still blocked after a passed re-authentication until acknowledged. */
    private void blockedThenReauthenticated(String business, String customer, String key) {
        String contact = "/v1/businesses/" + business + "/contacts/" + customer;
        assertThat(body(call("GET", contact, key, null)).path("state").asText()).isEqualTo("IDENTITY_CHANGED");
        assertThat(send(business, customer, key, false).statusCode()).isEqualTo(409);
        String reauthentication = body(call("POST", contact + "/reauthentications", key, "{}")).path("id").asText();
        assertThat(call("POST", contact + "/reauthentications/" + reauthentication + "/result", key,
                "{\"outcome\":\"succeeded\",\"method\":\"branch_visit\"}").statusCode()).isEqualTo(200);
        assertThat(send(business, customer, key, false).statusCode()).as("still blocked until acknowledged").isEqualTo(409);
    }

    @Nested
    class CloudApi {

        private static final String PNID = "106540352242922";
        private static final String CUSTOMER = "16505551234";
        private final FakeCloudApi meta = FakeCloudApi.meta("EAAG-provider-token");

        @Test
        void theFiveStepsWithSendsPinnedAtMeta() {
            provider = meta;
            Map<String, String> settings = Map.of("TRUSTGATE_WHATSAPP_PROVIDER", "cloud-api", "WHATSAPP_ACCESS_TOKEN", "EAAG-provider-token",
                    "WHATSAPP_GRAPH_URL", meta.url(), "WHATSAPP_APP_SECRET", "providers-app-secret", "WHATSAPP_VERIFY_TOKEN", "verify");
            server = LocalServer.start(env(settings));
            String key = server.apiKey("crm", PNID);

            // 1. opt in: Meta is told to check identities
            assertThat(call("PUT", "/v1/businesses/" + PNID + "/identity-checks", ADMIN_KEY, "{\"enabled\":true}").statusCode())
                    .isEqualTo(200);
            assertThat(meta.settings()).containsExactly(new FakeCloudApi.Setting(PNID, true));
            assertThat(server.webhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json")).statusCode()).isEqualTo(200);
            assertThat(send(PNID, CUSTOMER, key, false).statusCode()).isEqualTo(200);
            // 2. a change, signed by Meta
            assertThat(server.webhook(WhatsAppSamples.bytes("system-customer-identity-changed.json")).statusCode()).isEqualTo(200);
            // 3. and 4.
            blockedThenReauthenticated(PNID, CUSTOMER, key);
            // 5.
            assertThat(call("POST", "/v1/businesses/" + PNID + "/contacts/" + CUSTOMER + "/acknowledgements", key,
                    "{\"identityHash\":\"" + NEW + "\"}").statusCode()).isEqualTo(200);
            assertThat(body(send(PNID, CUSTOMER, key, true)).path("pinnedIdentityHash").asText()).isEqualTo(NEW);

            assertThat(meta.forwarded()).extracting(f -> f.pin().orElseThrow()).containsExactly(OLD, NEW);
            assertThat(meta.sends()).allSatisfy(s -> assertThat(s.header("Authorization")).isEqualTo("Bearer EAAG-provider-token"));
            assertThat(eventTypes(PNID)).containsSubsequence("identity.baseline", "identity.changed", "trust.broken",
                    "reauthentication.succeeded", "identity.acknowledged", "trust.established");
        }
    }

    @Nested
    class ThreeSixtyDialog {

        private static final String PNID = "106540352242922";
        private static final String CUSTOMER = "16505551234";
        private static final String D360_KEY = "d360-key-of-the-number";
        private static final String SECRET = "d360_webhook_secret_of_the_number_0123";
        private final FakeCloudApi dialog = FakeCloudApi.dialog360(Map.of(PNID, D360_KEY));

        private void webhook(String sample) {
            assertThat(call("POST", "/webhooks/360dialog/" + SECRET, null, WhatsAppSamples.text(sample)).statusCode()).isEqualTo(200);
        }

        @Test
        void theFiveStepsWithSendsPinnedAt360dialogAndItsWebhooksAtTheSecretPath() {
            provider = dialog;
            server = LocalServer.start(env(Map.of("TRUSTGATE_WHATSAPP_PROVIDER", "360dialog", "D360_BASE_URL", dialog.url(),
                    "D360_API_KEYS", PNID + "=" + D360_KEY, "D360_WEBHOOK_SECRETS", PNID + "=" + SECRET)));
            String key = server.apiKey("crm", PNID);

            // 1. opt in: the number's setting through 360dialog, with the number's key
            assertThat(call("PUT", "/v1/businesses/" + PNID + "/identity-checks", ADMIN_KEY, "{\"enabled\":true}").statusCode())
                    .isEqualTo(200);
            assertThat(dialog.settings()).containsExactly(new FakeCloudApi.Setting(PNID, true));
            webhook("inbound-text-with-identity-hash.json");
            assertThat(send(PNID, CUSTOMER, key, false).statusCode()).isEqualTo(200);
            // 2. a change, in the Cloud API's payload, at the number's secret path
            webhook("system-customer-identity-changed.json");
            // 3. and 4.
            blockedThenReauthenticated(PNID, CUSTOMER, key);
            HttpResponse<String> dropInBlocked = call("POST", "/v25.0/" + PNID + "/messages", key,
                    WhatsAppSamples.text("send-request-pinned.json"));
            assertThat(body(dropInBlocked).path("error").path("code").asInt()).isEqualTo(137000);
            // 5.
            assertThat(call("POST", "/v1/businesses/" + PNID + "/contacts/" + CUSTOMER + "/acknowledgements", key,
                    "{\"identityHash\":\"" + NEW + "\"}").statusCode()).isEqualTo(200);
            assertThat(body(send(PNID, CUSTOMER, key, true)).path("pinnedIdentityHash").asText()).isEqualTo(NEW);
            assertThat(call("POST", "/v25.0/" + PNID + "/messages", key, WhatsAppSamples.text("send-request-pinned.json")).statusCode())
                    .isEqualTo(200);

            assertThat(dialog.forwarded()).extracting(f -> f.pin().orElseThrow()).containsExactly(OLD, NEW, NEW);
            assertThat(dialog.sends()).allSatisfy(s -> {
                assertThat(s.path()).isEqualTo("/messages");
                assertThat(s.header("D360-API-KEY")).isEqualTo(D360_KEY);
            });
            assertThat(eventTypes(PNID)).containsSubsequence("identity.baseline", "identity.changed", "trust.broken",
                    "reauthentication.succeeded", "identity.acknowledged", "trust.established");
        }

        @Test
        void metasDoorIsClosedAndAnotherNumbersWebhookAtThisPathChangesNothing() {
            provider = dialog;
            server = LocalServer.start(env(Map.of("TRUSTGATE_WHATSAPP_PROVIDER", "360dialog", "D360_BASE_URL", dialog.url(),
                    "D360_API_KEYS", "999000111=" + D360_KEY, "D360_WEBHOOK_SECRETS", "999000111=" + SECRET)));

            HttpResponse<String> meta = call("POST", "/webhooks/whatsapp", null, WhatsAppSamples.text("inbound-text-with-identity-hash.json"));
            HttpResponse<String> foreign = call("POST", "/webhooks/360dialog/" + SECRET, null,
                    WhatsAppSamples.text("inbound-text-with-identity-hash.json"));

            assertThat(meta.statusCode()).isEqualTo(404);
            assertThat(foreign.statusCode()).isEqualTo(403);
            assertThat(call("GET", "/v1/businesses/" + PNID + "/contacts/" + CUSTOMER, ADMIN_KEY, null).statusCode()).isEqualTo(404);
        }
    }

    @Nested
    class Infobip {

        private static final String SENDER = "447796344125";
        private static final String CUSTOMER = "441134960001";
        private static final String API_KEY = "infobip-app-key";
        private static final String SECRET = "infobip_webhook_secret_0123456789abcdef";
        private final FakeInfobip infobip = new FakeInfobip(API_KEY);

        private Map<String, String> settings(String identityChange) {
            return Map.of("TRUSTGATE_WHATSAPP_PROVIDER", "infobip", "INFOBIP_BASE_URL", infobip.url(), "INFOBIP_API_KEY", API_KEY,
                    "INFOBIP_WEBHOOK_SECRET", SECRET, "INFOBIP_IDENTITY_CHANGE", identityChange);
        }

        private void inbound(String messageId, Instant at, String hash, boolean acknowledged) {
            assertThat(call("POST", "/webhooks/infobip/" + SECRET, null,
                    FakeInfobip.inboundMessage(SENDER, CUSTOMER, messageId, at, Optional.of(hash), acknowledged)).statusCode())
                    .isEqualTo(200);
        }

        @Test
        void theFiveStepsWithInfobipsOwnBlockLiftedOnlyOnceTrustgatesIs() {
            provider = infobip;
            server = LocalServer.start(env(settings("enabled")));
            String key = server.apiKey("crm", SENDER);
            Instant now = Instant.now();

            // 1. opt in (Infobip's add-on is on for the account), and the customer writes with an acknowledged identity
            assertThat(call("PUT", "/v1/businesses/" + SENDER + "/identity-checks", ADMIN_KEY, "{\"enabled\":true}").statusCode())
                    .isEqualTo(200);
            inbound("ib-1", now.minusSeconds(60), OLD, true);
            HttpResponse<String> first = send(SENDER, CUSTOMER, key, false);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(body(first).path("messageId").asText()).isNotBlank();
            // 2. Infobip detects a new identity and blocks; the customer's next message carries it unacknowledged
            infobip.identityChanged(SENDER, CUSTOMER, NEW);
            inbound("ib-2", now, NEW, false);
            // 3. and 4.
            blockedThenReauthenticated(SENDER, CUSTOMER, key);
            assertThat(infobip.confirmations()).as("nothing confirmed at Infobip before trustgate's acknowledgement").isEmpty();
            assertThat(infobip.blocked(SENDER, CUSTOMER)).isTrue();
            // 5. the acknowledgement is confirmed to Infobip from the outbox, and sends go out again
            assertThat(call("POST", "/v1/businesses/" + SENDER + "/contacts/" + CUSTOMER + "/acknowledgements", key,
                    "{\"identityHash\":\"" + NEW + "\"}").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> !infobip.blocked(SENDER, CUSTOMER));
            assertThat(infobip.confirmations()).containsExactly(new FakeInfobip.Confirmation(SENDER, CUSTOMER, NEW, 204));
            assertThat(send(SENDER, CUSTOMER, key, true).statusCode()).isEqualTo(200);

            assertThat(infobip.messages()).extracting(FakeInfobip.Message::kind, FakeInfobip.Message::to)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("text", CUSTOMER), org.assertj.core.groups.Tuple.tuple("text", CUSTOMER));
            assertThat(infobip.sends()).allSatisfy(s -> {
                assertThat(s.header("Authorization")).isEqualTo("App " + API_KEY);
                assertThat(s.body()).doesNotContain("recipient_identity_key_hash");
            });
            assertThat(eventTypes(SENDER)).containsSubsequence("identity.baseline", "identity.changed", "trust.broken",
                    "reauthentication.succeeded", "identity.acknowledged", "trust.established");
        }

        @Test
        void whatInfobipCannotDoIsRefusedWithAReason() {
            provider = infobip;
            server = LocalServer.start(env(settings("disabled")));
            String key = server.apiKey("crm", SENDER);

            HttpResponse<String> optIn = call("PUT", "/v1/businesses/" + SENDER + "/identity-checks", ADMIN_KEY, "{\"enabled\":true}");
            HttpResponse<String> image = call("POST", "/v1/messages", key, "{\"from\":\"" + SENDER + "\",\"to\":\"" + CUSTOMER
                    + "\",\"message\":{\"type\":\"image\",\"image\":{\"link\":\"https://example.com/a.png\"}}}");

            assertThat(optIn.statusCode()).isEqualTo(501);
            assertThat(body(optIn).path("code").asText()).isEqualTo("unsupported_by_provider");
            assertThat(body(optIn).path("detail").asText()).contains("INFOBIP_IDENTITY_CHANGE");
            assertThat(image.statusCode()).isEqualTo(400);
            assertThat(body(image).path("code").asText()).isEqualTo("unsupported_message_type");
            assertThat(body(image).path("detail").asText()).contains("image");
            assertThat(infobip.sends()).isEmpty();
        }
    }
}
