package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.WebhookSignature;
import dev.trustgate.application.fakes.WhatsAppSamples;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An existing WhatsApp app behind trustgate keeps receiving every webhook, byte-identical and correctly signed. */
class RelayEndToEndTest {

    private static final String APP_SECRET = "relay-app-secret";
    private static final String BUSINESS_A = "106540352242922";
    private static final String BUSINESS_B = "999000111";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(byte[] body, boolean signatureValid, String trust) {
    }

    @Test
    void theBusinessesAppReceivesEveryWebhookByteIdenticalInOrderWithTheTrustHeader(@TempDir Path data) throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        WebhookSignature appsOwnCheck = new WebhookSignature(APP_SECRET);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/whatsapp", ctx -> {
                byte[] body = ctx.bodyAsBytes();
                received.add(new Received(body, appsOwnCheck.verify(body, ctx.header("X-Hub-Signature-256")),
                        ctx.header("X-Trustgate-Trust")));
                ctx.status(200);
            });
        }).start("127.0.0.1", 0);
        Map<String, String> env = new HashMap<>();
        env.put("TRUSTGATE_HOST", "127.0.0.1");
        env.put("TRUSTGATE_PORT", "0");
        env.put("TRUSTGATE_DB_URL", "jdbc:h2:file:" + data.resolve("db"));
        env.put("WHATSAPP_APP_SECRET", APP_SECRET);
        env.put("WHATSAPP_VERIFY_TOKEN", "v");
        env.put("TRUSTGATE_RELAY_URL", "http://127.0.0.1:" + app.port() + "/whatsapp");
        List<String> samples = List.of("inbound-text-with-identity-hash.json", "status-delivered-with-identity-hash.json",
                "system-customer-identity-changed.json");
        try (TrustgateServer server = TrustgateServer.start(Config.load(env, Optional.empty()))) {
            server.services().optIn.setIdentityChecks(new dev.trustgate.application.port.in.OptInToIdentityChecksUseCase.Command(
                    dev.trustgate.application.Caller.admin(new dev.trustgate.domain.Actor("admin")),
                    new dev.trustgate.domain.BusinessNumberId("106540352242922"), true));
            HttpClient http = HttpClient.newHttpClient();
            for (String sample : samples) {
                byte[] body = WhatsAppSamples.bytes(sample);
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/webhooks/whatsapp")).header("X-Hub-Signature-256", appsOwnCheck.sign(body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> received.size() >= samples.size());
        } finally {
            app.stop();
        }

        assertThat(received).hasSize(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            assertThat(Arrays.equals(received.get(i).body(), WhatsAppSamples.bytes(samples.get(i)))).as(samples.get(i)).isTrue();
            assertThat(received.get(i).signatureValid()).isTrue();
        }
        assertThat(received.get(0).trust()).isEqualTo("16505551234=UNVERIFIED");
        assertThat(received.get(2).trust()).isEqualTo("16505551234=IDENTITY_CHANGED");
    }

    @Test
    void aTemplateStatusWebhookIsRelayedByteIdentical(@TempDir Path data) {
        byte[] body = WhatsAppSamples.bytes("fields/message-template-status-update.json");
        try (FakeWhatsAppApp app = new FakeWhatsAppApp(APP_SECRET);
             TrustgateServer server = start(data, Map.of("TRUSTGATE_RELAY_URL", app.url("/whatsapp")))) {
            assertThat(webhook(server, body).statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(15)).until(() -> app.received().size() == 1);
            FakeWhatsAppApp.Received relayed = app.received().get(0);
            assertThat(relayed.body()).isEqualTo(body);
            assertThat(relayed.signatureValid()).isTrue();
            assertThat(relayed.trust()).as("a template names no customer").isNull();
        }
    }

    @Test
    void anAccountUpdateNamingNoPhoneNumberIdGoesToTheDefaultRelay(@TempDir Path data) {
        byte[] accountUpdate = WhatsAppSamples.bytes("fields/account-update.json");
        byte[] inbound = WhatsAppSamples.bytes("inbound-text-with-identity-hash.json");
        try (FakeWhatsAppApp app = new FakeWhatsAppApp(APP_SECRET);
             TrustgateServer server = start(data, Map.of("TRUSTGATE_RELAY_URL", app.url("/default"),
                     "TRUSTGATE_RELAY_URLS", BUSINESS_A + "=" + app.url("/a")))) {
            assertThat(webhook(server, accountUpdate).statusCode()).isEqualTo(200);
            assertThat(webhook(server, inbound).statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(15)).until(() -> app.received().size() == 2);
            assertThat(app.receivedAt("/default")).singleElement().satisfies(r -> {
                assertThat(r.body()).isEqualTo(accountUpdate);
                assertThat(r.signatureValid()).isTrue();
            });
            assertThat(app.receivedAt("/a")).singleElement().satisfies(r -> {
                assertThat(r.body()).isEqualTo(inbound);
                assertThat(r.trust()).isEqualTo("16505551234=UNVERIFIED");
            });
        }
    }

    /**
     * One webhook carrying changes of two business numbers (and of the WABA itself): each business's relay
     * gets a webhook holding only its own changes, signed, with the trust of its own customers only; what
     * names no business number goes to the default.
     */
    @Test
    void twoBusinessNumbersWithTheirOwnRelayUrlsEachGetOnlyTheirPart(@TempDir Path data) throws Exception {
        try (FakeWhatsAppApp app = new FakeWhatsAppApp(APP_SECRET);
             TrustgateServer server = start(data, Map.of("TRUSTGATE_RELAY_URL", app.url("/default"),
                     "TRUSTGATE_RELAY_URLS", BUSINESS_A + "=" + app.url("/a") + ", " + BUSINESS_B + "=" + app.url("/b")))) {
            optIn(server, BUSINESS_A);
            assertThat(webhook(server, WhatsAppSamples.bytes("inbound-text-with-identity-hash.json")).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> app.receivedAt("/a").size() == 1);

            assertThat(webhook(server, twoBusinessesAndTheirAccount().getBytes(StandardCharsets.UTF_8)).statusCode())
                    .isEqualTo(200);

            await().atMost(Duration.ofSeconds(15)).until(() -> app.received().size() == 4);
            assertThat(app.received()).allSatisfy(r -> assertThat(r.signatureValid()).as(r.path()).isTrue());
            FakeWhatsAppApp.Received a = app.receivedAt("/a").get(1);
            assertThat(a.text()).contains("customer_identity_changed").doesNotContain("4915100000001")
                    .doesNotContain("message_template_status_update");
            assertThat(changes(a)).extracting(c -> c.path("value").path("metadata").path("phone_number_id").asText())
                    .containsExactly(BUSINESS_A);
            assertThat(a.trust()).isEqualTo("16505551234=IDENTITY_CHANGED");
            FakeWhatsAppApp.Received b = app.receivedAt("/b").get(0);
            assertThat(b.text()).contains("4915100000001").doesNotContain("16505551234").doesNotContain("order_confirmation");
            assertThat(changes(b)).extracting(c -> c.path("value").path("metadata").path("phone_number_id").asText())
                    .containsExactly(BUSINESS_B);
            assertThat(b.trust()).isEqualTo("4915100000001=UNVERIFIED");
            assertThat(app.receivedAt("/b")).hasSize(1);
            assertThat(app.receivedAt("/default")).singleElement().satisfies(d -> {
                assertThat(changes(d)).extracting(c -> c.path("field").asText()).containsExactly("message_template_status_update");
                assertThat(d.text()).doesNotContain("16505551234").doesNotContain("4915100000001");
                assertThat(d.trust()).isNull();
            });
        }
    }

    /** The trust header of ~200 customers once overflowed its column: the webhook was answered 500 for ever. */
    @Test
    void aWebhookNamingTwoHundredCustomersIsTakenAndRelayedWithABoundedHeader(@TempDir Path data) {
        byte[] body = customers(200).getBytes(StandardCharsets.UTF_8);
        try (FakeWhatsAppApp app = new FakeWhatsAppApp(APP_SECRET);
             TrustgateServer server = start(data, Map.of("TRUSTGATE_RELAY_URL", app.url("/whatsapp")))) {
            assertThat(webhook(server, body).statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(15)).until(() -> app.received().size() == 1);
            FakeWhatsAppApp.Received relayed = app.received().get(0);
            assertThat(relayed.body()).isEqualTo(body);
            assertThat(relayed.trust()).hasSizeLessThanOrEqualTo(4000).startsWith("4915100000000=UNVERIFIED,")
                    .matches("([0-9]+=UNVERIFIED,)+truncated=[0-9]+");
            String[] items = relayed.trust().split(",");
            int omitted = Integer.parseInt(items[items.length - 1].substring("truncated=".length()));
            assertThat(items.length - 1 + omitted).isEqualTo(200);
            assertThat(omitted).as("as many as fit beside the marker").isEqualTo(41);
        }
    }

    private static TrustgateServer start(Path data, Map<String, String> relay) {
        Map<String, String> env = new HashMap<>(relay);
        env.put("TRUSTGATE_HOST", "127.0.0.1");
        env.put("TRUSTGATE_PORT", "0");
        env.put("TRUSTGATE_DB_URL", "jdbc:h2:file:" + data.resolve("db"));
        env.put("WHATSAPP_APP_SECRET", APP_SECRET);
        env.put("WHATSAPP_VERIFY_TOKEN", "v");
        return TrustgateServer.start(Config.load(env, Optional.empty()));
    }

    private static void optIn(TrustgateServer server, String business) {
        server.services().optIn.setIdentityChecks(new dev.trustgate.application.port.in.OptInToIdentityChecksUseCase.Command(
                dev.trustgate.application.Caller.admin(new dev.trustgate.domain.Actor("admin")),
                new dev.trustgate.domain.BusinessNumberId(business), true));
    }

    private static HttpResponse<String> webhook(TrustgateServer server, byte[] body) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                            + "/webhooks/whatsapp")).header("X-Hub-Signature-256", new WebhookSignature(APP_SECRET).sign(body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> changes(FakeWhatsAppApp.Received received) throws Exception {
        List<JsonNode> changes = new java.util.ArrayList<>();
        JSON.readTree(received.body()).path("entry").forEach(e -> e.path("changes").forEach(changes::add));
        return changes;
    }

    /**
     * The identity-change sample of business A, with an inbound message to business B before it in the same
     * entry, and a second entry carrying a template status of the WABA.
     */
    static String twoBusinessesAndTheirAccount() {
        String otherNumbersChange = "{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                + "\"metadata\":{\"display_phone_number\":\"15550000000\",\"phone_number_id\":\"" + BUSINESS_B + "\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Other\"},\"wa_id\":\"4915100000001\"}],"
                + "\"messages\":[{\"from\":\"4915100000001\",\"id\":\"wamid.other1\",\"timestamp\":\"1750263600\","
                + "\"type\":\"text\",\"text\":{\"body\":\"hi\"}}]}}";
        String template = WhatsAppSamples.text("fields/message-template-status-update.json");
        String templateEntry = template.substring(template.indexOf("{", template.indexOf("\"entry\"")),
                template.lastIndexOf("]"));
        String webhook = WhatsAppSamples.text("system-customer-identity-changed.json")
                .replace("\"changes\": [{", "\"changes\": [" + otherNumbersChange + ", {");
        int entriesEnd = webhook.lastIndexOf("]");
        return webhook.substring(0, entriesEnd).stripTrailing() + ", " + templateEntry.strip() + "\n  ]\n}\n";
    }

    /** An inbound-message webhook of business A from {@code count} customers at once. */
    static String customers(int count) {
        StringBuilder contacts = new StringBuilder();
        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String waId = String.valueOf(4915100000000L + i);
            contacts.append(i == 0 ? "" : ",").append("{\"profile\":{\"name\":\"C").append(i).append("\"},\"wa_id\":\"")
                    .append(waId).append("\"}");
            messages.append(i == 0 ? "" : ",").append("{\"from\":\"").append(waId).append("\",\"id\":\"wamid.bulk").append(i)
                    .append("\",\"timestamp\":\"1750263600\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}");
        }
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"" + BUSINESS_A + "\"},"
                + "\"contacts\":[" + contacts + "],\"messages\":[" + messages + "]}}]}]}";
    }
}
