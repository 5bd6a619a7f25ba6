package dev.trustgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.RunningServer;
import dev.trustgate.adapters.http.support.RequestLog;
import dev.trustgate.application.fakes.WhatsAppSamples;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The business API over a real socket: authentication, opt-in, the contact view and the event feed. */
class TrustApiTest {

    private static final String BUSINESS = "106540352242922";
    private static final String CONTACT = "/v1/businesses/" + BUSINESS + "/contacts/16505551234";

    private final ObjectMapper json = new ObjectMapper();
    private final RunningServer server = new RunningServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    @Test
    void everyBusinessRouteNeedsAValidKey() throws Exception {
        for (String header : new String[] {null, "tg_unknown", "Basic dXNlcjpwdw==", "Bearer", "Bearer a b"}) {
            HttpResponse<String> response = header == null ? server.get(CONTACT, null)
                    : server.send(java.net.http.HttpRequest.newBuilder(server.uri(CONTACT)).header("Authorization", header).build());
            assertThat(response.statusCode()).as(String.valueOf(header)).isEqualTo(401);
            assertThat(body(response).get("code").asText()).isEqualTo("unauthorized");
        }
    }

    @Test
    void onlyTheAdminOptsInAndTheAnswerSaysSince() throws Exception {
        String key = server.keyFor(BUSINESS);

        assertThat(server.put("/v1/businesses/" + BUSINESS + "/identity-checks", key, "{\"enabled\":true}").statusCode())
                .isEqualTo(403);
        HttpResponse<String> response = server.put("/v1/businesses/" + BUSINESS + "/identity-checks", RunningServer.ADMIN_KEY,
                "{\"enabled\":true}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).get("phoneNumberId").asText()).isEqualTo(BUSINESS);
        assertThat(body(response).get("enabled").asBoolean()).isTrue();
        assertThat(body(response).get("since").asText()).isEqualTo("2026-06-01T12:00:00Z");
        assertThat(server.core.whatsApp.identityChecks(new dev.trustgate.domain.BusinessNumberId(BUSINESS))).contains(true);
    }

    @Test
    void badBodiesAreRefusedWithAClearProblemAndChangeNothing() throws Exception {
        String path = "/v1/businesses/" + BUSINESS + "/identity-checks";
        for (String bad : new String[] {"{\"enabled\":\"yes please\"}", "{\"enabled\":true,\"extra\":1}", "{}", "[", "42"}) {
            HttpResponse<String> response = server.put(path, RunningServer.ADMIN_KEY, bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(body(response).get("code").asText()).isEqualTo("invalid_request");
        }
        assertThat(server.put("/v1/businesses/not-digits/identity-checks", RunningServer.ADMIN_KEY, "{\"enabled\":true}")
                .statusCode()).isEqualTo(400);
        assertThat(server.core.businesses.find(new dev.trustgate.domain.BusinessNumberId(BUSINESS))).isEmpty();
    }

    @Test
    void aBadBodyIsExplainedInJsonTermsNeverInJavaTypes() throws Exception {
        String key = server.keyFor(BUSINESS);
        String send = "{\"from\":\"" + BUSINESS + "\",\"to\":\"16505551234\",\"message\":{\"type\":\"text\",\"text\":{\"body\":\"hi\"}}";
        String[][] cases = {
                {"/v1/messages", send + ",\"sensitive\":\"yes\"}", "sensitive must be true or false"},
                {"/v1/messages", send + ",\"sensitive\":1}", "sensitive must be true or false"},
                {"/v1/messages", send + ",\"from\":[\"" + BUSINESS + "\"]}", "from must be a string"},
                {"/v1/messages", send + ",\"sensitive\":tru}", "body is not valid JSON (line 1, column "},
                {"/v1/messages", "42", "the body must be a JSON object"},
                {"/v1/api-keys", "{\"name\":\"crm\",\"phoneNumberIds\":\"" + BUSINESS + "\"}", "phoneNumberIds must be an array"},
                {"/v1/api-keys", "{\"name\":{\"first\":\"crm\"},\"phoneNumberIds\":[]}", "name must be a string"},
                // a value of another JSON type is refused, never coerced: "true" is not true, 42 is not "42"
                {"/v1/messages", send + ",\"sensitive\":\"true\"}", "sensitive must be true or false"},
                {"/v1/messages", send + ",\"sensitive\":\"false\"}", "sensitive must be true or false"},
                {"/v1/api-keys", "{\"name\":42,\"phoneNumberIds\":[\"" + BUSINESS + "\"]}", "name must be a string"},
                {"/v1/api-keys", "{\"name\":true,\"phoneNumberIds\":[\"" + BUSINESS + "\"]}", "name must be a string"},
                {"/v1/api-keys", "{\"name\":\"crm\",\"phoneNumberIds\":[106540352242922]}", "phoneNumberIds[0] must be a string"},
        };
        for (String[] each : cases) {
            HttpResponse<String> response = server.post(each[0], each[0].equals("/v1/api-keys") ? RunningServer.ADMIN_KEY : key, each[1]);
            assertThat(response.statusCode()).as(each[1]).isEqualTo(400);
            assertThat(body(response).get("detail").asText()).as(each[1]).startsWith(each[2])
                    .doesNotContain("java.").doesNotContain("`").doesNotContain("deserialize");
        }
        assertThat(server.core.whatsApp.forwarded()).as("no refused send left").isEmpty();
        assertThat(server.core.apiKeys.list()).as("no refused key created").noneMatch(k -> k.name().equals("42") || k.name().equals("true")
                || k.name().equals("crm"));
        HttpResponse<String> enabled = server.put("/v1/businesses/" + BUSINESS + "/identity-checks", RunningServer.ADMIN_KEY,
                "{\"enabled\":\"yes please\"}");
        assertThat(body(enabled).get("detail").asText()).isEqualTo("enabled must be true or false");
    }

    @Test
    void aSensitiveHeaderOnTheDropInThatIsNeitherTrueNorFalseIsRefusedNotReadAsFalse() throws Exception {
        String key = server.keyFor(BUSINESS);
        HttpResponse<String> response = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/v25.0/" + BUSINESS + "/messages"))
                .header("Authorization", "Bearer " + key).header("X-Trustgate-Sensitive", "yes")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\","
                        + "\"type\":\"text\",\"text\":{\"body\":\"hi\"}}")).build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response).get("error").get("message").asText()).contains("X-Trustgate-Sensitive must be true or false");
        assertThat(server.core.whatsApp.forwarded()).isEmpty();
    }

    @Test
    void theContactViewShowsTheBlockAndTheEventFeedTellsWhy() throws Exception {
        server.put("/v1/businesses/" + BUSINESS + "/identity-checks", RunningServer.ADMIN_KEY, "{\"enabled\":true}");
        server.signedWebhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));
        server.signedWebhook(WhatsAppSamples.bytes("system-customer-identity-changed.json"));
        String key = server.keyFor(BUSINESS);

        JsonNode contact = body(server.get(CONTACT, key));
        assertThat(contact.get("state").asText()).isEqualTo("IDENTITY_CHANGED");
        assertThat(contact.get("sendAllowed").asBoolean()).isFalse();
        assertThat(contact.get("trusted").asBoolean()).isFalse();
        assertThat(contact.get("identityHash").asText()).isEqualTo("Qm9vbXNoYWthbGFrYQ==");
        assertThat(contact.get("pinnedHash").asText()).isEqualTo("DF2lS5v2W6x=");
        assertThat(contact.get("pendingChange").get("identityHash").asText()).isEqualTo("Qm9vbXNoYWthbGFrYQ==");
        assertThat(contact.get("reauthentication").isNull()).isTrue();
        assertThat(contact.get("version").asLong()).isEqualTo(2);

        JsonNode feed = body(server.get("/v1/businesses/" + BUSINESS + "/events?after=1&limit=5", key));
        assertThat(feed.get("events")).extracting(e -> e.get("type").asText()).containsExactly("identity.changed", "trust.broken");
        assertThat(feed.get("events").get(0).get("sequence").asLong()).isEqualTo(2);
        assertThat(feed.get("events").get(0).get("data").get("identityHash").asText()).isEqualTo("Qm9vbXNoYWthbGFrYQ==");
        assertThat(feed.get("next").asLong()).isEqualTo(3);
        assertThat(feed.get("head").asLong()).as("the newest sequence, to start following from").isEqualTo(3);
    }

    @Test
    void theListShowsWhatTheGateDecidesWithHeldMessagesCountedAndThePolicyToMeet() throws Exception {
        server.put("/v1/businesses/" + BUSINESS + "/identity-checks", RunningServer.ADMIN_KEY, "{\"enabled\":true}");
        server.put("/v1/businesses/" + BUSINESS + "/acknowledgement-policy", RunningServer.ADMIN_KEY, "{\"policy\":\"FOUR_EYES\"}");
        server.signedWebhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));
        server.signedWebhook(WhatsAppSamples.bytes("system-customer-identity-changed.json"));
        String key = server.keyFor(BUSINESS);
        assertThat(server.post("/v1/messages", key, "{\"from\":\"" + BUSINESS + "\",\"to\":\"16505551234\",\"onBlocked\":\"hold\","
                + "\"message\":{\"type\":\"text\",\"text\":{\"body\":\"hi\"}}}").statusCode()).isEqualTo(202);

        JsonNode listed = body(server.get("/v1/businesses/" + BUSINESS + "/contacts?state=IDENTITY_CHANGED", key))
                .get("contacts").get(0);
        assertThat(listed.get("heldMessages").asInt()).isEqualTo(1);
        assertThat(listed.get("sendAllowed").asBoolean()).isFalse();
        assertThat(listed.get("business").get("acknowledgementPolicy").asText()).isEqualTo("FOUR_EYES");
        assertThat(listed.get("business").get("identityChecks").asBoolean()).isTrue();
        assertThat(listed).isEqualTo(body(server.get(CONTACT, key)));
    }

    @Test
    void theContactTimelineIsNewestFirstAndOnlyItsOwn() throws Exception {
        server.signedWebhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));
        server.signedWebhook(WhatsAppSamples.bytes("system-customer-identity-changed.json"));
        String key = server.keyFor(BUSINESS);

        JsonNode events = body(server.get(CONTACT + "/events?limit=10", key)).get("events");
        assertThat(events).extracting(e -> e.get("sequence").asLong()).containsExactly(2L, 1L);
        assertThat(events).extracting(e -> e.get("waId").asText()).containsOnly("16505551234");
        assertThat(server.get(CONTACT + "/events", server.keyFor("999000111")).statusCode()).isEqualTo(404);
        assertThat(server.get(CONTACT + "/events?limit=0", key).statusCode()).isEqualTo(400);
    }

    @Test
    void aKeyCanAskWhoItIs() throws Exception {
        JsonNode me = body(server.get("/v1/me", server.keyFor(BUSINESS)));
        assertThat(me.get("admin").asBoolean()).isFalse();
        assertThat(me.get("phoneNumberIds")).extracting(JsonNode::asText).containsExactly(BUSINESS);
        assertThat(me.get("keyId").asText()).startsWith("key_");
        assertThat(body(server.get("/v1/me", RunningServer.ADMIN_KEY)).get("admin").asBoolean()).isTrue();
        assertThat(server.get("/v1/me", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aKeyOfAnotherBusinessSeesNotFoundNotForbidden() throws Exception {
        server.signedWebhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));
        String otherKey = server.keyFor("999000111");

        for (String path : new String[] {CONTACT, "/v1/businesses/" + BUSINESS + "/events"}) {
            HttpResponse<String> response = server.get(path, otherKey);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(body(response).get("code").asText()).isEqualTo("not_found");
        }
        assertThat(server.get("/v1/businesses/" + BUSINESS + "/contacts/4915100000000", server.keyFor(BUSINESS)).statusCode())
                .as("a contact trustgate never heard of").isEqualTo(404);
    }

    @Test
    void unknownRoutesAnswerAProblem() throws Exception {
        HttpResponse<String> response = server.get("/v1/nothing-here", RunningServer.ADMIN_KEY);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(body(response).get("code").asText()).isEqualTo("not_found");
    }

    @Test
    void metricsCountWebhooksAndRequestsAndEveryResponseCarriesARequestId() {
        server.signedWebhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));

        HttpResponse<String> metrics = server.get("/metrics", null);

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("trustgate_webhooks_total{outcome=\"accepted\"} 1.0").contains("trustgate_identity_signals_total{outcome=\"applied\"} 1.0")
                .contains("trustgate_http_requests_seconds_count{method=\"POST\",route=\"/webhooks/whatsapp\",status=\"200\"}")
                .contains("trustgate_outbox_parked");
        assertThat(metrics.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(12));
    }

    @Test
    void everyMetricSaysWhatItCounts() {
        server.signedWebhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));
        server.signedWebhook(("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"" + BUSINESS + "\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"nobody trustgate can name\"},\"identity_key_hash\":\"DF2lS5v2W6x=\"}],"
                + "\"messages\":[{\"from\":\"16505551234\",\"id\":\"wamid.skip\",\"timestamp\":\"1750263760\",\"type\":\"text\"}]}}]}]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        server.post("/v1/messages", server.keyFor(BUSINESS), "{\"from\":\"" + BUSINESS + "\",\"to\":\"16505551234\","
                + "\"message\":{\"type\":\"text\",\"text\":{\"body\":\"hi\"}}}");

        String scraped = server.get("/metrics", null).body();

        assertThat(scraped).contains("trustgate_http_requests", "trustgate_sends", "trustgate_webhooks", "trustgate_identity_signals",
                "trustgate_webhook_items_skipped", "trustgate_outbox_pending");
        assertThat(scraped.lines().filter(l -> l.startsWith("# HELP trustgate_")))
                .allSatisfy(help -> assertThat(help.split(" ", 4)).as(help).hasSize(4)
                        .satisfies(words -> assertThat(words[3]).isNotBlank()));
    }

    @Test
    void phoneNumbersInLoggedPathsAreMasked() {
        assertThat(RequestLog.mask("/v1/businesses/106540352242922/contacts/16505551234"))
                .isEqualTo("/v1/businesses/***********2922/contacts/*******1234");
    }

    @Test
    void healthProbesNeedNoKey() {
        assertThat(server.get("/health/live", null).statusCode()).isEqualTo(200);
        assertThat(server.get("/health/ready", null).statusCode()).isEqualTo(200);
    }
}
