package dev.trustgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.RunningServer;
import dev.trustgate.application.fakes.WhatsAppSamples;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The trust lifecycle, gated sends, held messages, the drop-in Cloud API and the admin routes, over HTTP. */
class BusinessApiTest {

    private static final String PNID = "106540352242922";
    private static final String CONTACT = "/v1/businesses/" + PNID + "/contacts/16505551234";
    private static final String OLD = "DF2lS5v2W6x=";
    private static final String NEW = "Qm9vbXNoYWthbGFrYQ==";
    private static final String TEXT = "{\"type\":\"text\",\"text\":{\"body\":\"Your statement\"}}";

    private final ObjectMapper json = new ObjectMapper();
    private RunningServer server;
    private String alice;
    private String bob;

    @BeforeEach
    void start() {
        server = new RunningServer();
        server.put("/v1/businesses/" + PNID + "/identity-checks", RunningServer.ADMIN_KEY, "{\"enabled\":true}");
        alice = server.keyFor(PNID);
        bob = server.keyFor(PNID);
        server.signedWebhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(String key, boolean sensitive, String onBlocked) {
        return server.post("/v1/messages", key, "{\"from\":\"" + PNID + "\",\"to\":\"+1 (650) 555-1234\",\"sensitive\":" + sensitive
                + ",\"onBlocked\":\"" + onBlocked + "\",\"message\":" + TEXT + "}");
    }

    private void identityChanges() {
        server.signedWebhook(WhatsAppSamples.bytes("system-customer-identity-changed.json"));
    }

    private String startReauthentication(String key) throws Exception {
        HttpResponse<String> started = server.post(CONTACT + "/reauthentications", key, "{}");
        assertThat(started.statusCode()).isEqualTo(201);
        return body(started).get("id").asText();
    }

    @Test
    void theSeedsStepsOverHttpUnblockOnlyAfterTheAcknowledgement() throws Exception {
        HttpResponse<String> first = send(alice, false, "reject");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(body(first).get("pinnedIdentityHash").asText()).isEqualTo(OLD);

        identityChanges();
        HttpResponse<String> blocked = send(alice, false, "reject");
        assertThat(blocked.statusCode()).isEqualTo(409);
        assertThat(body(blocked).get("code").asText()).isEqualTo("identity_change_unacknowledged");

        assertThat(server.call("DELETE", CONTACT + "/trust", alice, "{\"reason\":\"unlinked in CRM\"}").statusCode()).isEqualTo(200);
        String id = startReauthentication(alice);
        HttpResponse<String> passed = server.post(CONTACT + "/reauthentications/" + id + "/result", alice,
                "{\"outcome\":\"succeeded\",\"method\":\"otp_sms\",\"reference\":\"CASE-1\"}");
        assertThat(body(passed).get("state").asText()).isEqualTo("RE_AUTHENTICATING");
        assertThat(body(passed).get("sendAllowed").asBoolean()).isFalse();

        HttpResponse<String> stale = server.post(CONTACT + "/acknowledgements", alice, "{\"identityHash\":\"" + OLD + "\"}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(body(stale).get("code").asText()).isEqualTo("stale_acknowledgement");
        assertThat(body(stale).get("pendingIdentityHash").asText()).isEqualTo(NEW);

        HttpResponse<String> acknowledged = server.post(CONTACT + "/acknowledgements", alice,
                "{\"identityHash\":\"" + NEW + "\",\"operator\":\"Dana\",\"evidence\":\"passport checked\"}");
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        assertThat(body(acknowledged).get("state").asText()).isEqualTo("TRUSTED");

        HttpResponse<String> sensitive = send(alice, true, "reject");
        assertThat(sensitive.statusCode()).isEqualTo(200);
        assertThat(body(sensitive).get("pinnedIdentityHash").asText()).isEqualTo(NEW);
        assertThat(server.core.whatsApp.forwarded()).extracting(f -> f.pin().orElseThrow().value()).containsExactly(OLD, NEW);
    }

    @Test
    void acknowledgedWithoutReauthenticationIsNotTrustedWithSensitiveContent() throws Exception {
        identityChanges();
        server.post(CONTACT + "/acknowledgements", alice, "{\"identityHash\":\"" + NEW + "\"}");

        assertThat(send(alice, false, "reject").statusCode()).isEqualTo(200);
        HttpResponse<String> sensitive = send(alice, true, "reject");
        assertThat(sensitive.statusCode()).isEqualTo(403);
        assertThat(body(sensitive).get("code").asText()).isEqualTo("not_trusted");
    }

    @Test
    void underFourEyesTheSecondKeyCompletesWhatTheFirstRequested() throws Exception {
        assertThat(server.put("/v1/businesses/" + PNID + "/acknowledgement-policy", RunningServer.ADMIN_KEY,
                "{\"policy\":\"FOUR_EYES\"}").statusCode()).isEqualTo(200);
        identityChanges();
        HttpResponse<String> unmet = server.post(CONTACT + "/acknowledgements", alice, "{\"identityHash\":\"" + NEW + "\"}");
        assertThat(body(unmet).get("code").asText()).isEqualTo("acknowledgement_policy_unmet");
        String id = startReauthentication(alice);
        server.post(CONTACT + "/reauthentications/" + id + "/result", alice, "{\"outcome\":\"succeeded\"}");

        assertThat(server.post(CONTACT + "/acknowledgements", alice, "{\"identityHash\":\"" + NEW + "\"}").statusCode()).isEqualTo(202);
        assertThat(server.post(CONTACT + "/acknowledgements", alice, "{\"identityHash\":\"" + NEW + "\"}").statusCode()).isEqualTo(409);
        assertThat(send(alice, false, "reject").statusCode()).isEqualTo(409);
        assertThat(server.post(CONTACT + "/acknowledgements", bob, "{\"identityHash\":\"" + NEW + "\"}").statusCode()).isEqualTo(200);
        assertThat(send(alice, false, "reject").statusCode()).isEqualTo(200);
    }

    @Test
    void aHeldMessageWaitsForTheAcknowledgementAndIsThenReleasedPinnedToTheNewIdentity() throws Exception {
        identityChanges();
        HttpResponse<String> held = send(alice, false, "hold");
        assertThat(held.statusCode()).isEqualTo(202);
        String heldId = body(held).get("heldMessageId").asText();
        assertThat(body(server.get(CONTACT + "/held-messages", alice)).get("heldMessages")).hasSize(1);
        assertThat(server.post("/v1/held-messages/" + heldId + "/release", alice, null).statusCode()).isEqualTo(409);

        server.post(CONTACT + "/acknowledgements", alice, "{\"identityHash\":\"" + NEW + "\"}");
        HttpResponse<String> released = server.post("/v1/held-messages/" + heldId + "/release", alice, null);

        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(body(released).get("pinnedIdentityHash").asText()).isEqualTo(NEW);
        assertThat(server.post("/v1/held-messages/" + heldId + "/discard", alice, null).statusCode()).isEqualTo(409);
    }

    @Test
    void theDropInCloudApiForwardsAllowedSendsAndAnswersBlockedOnesLikeWhatsApp() throws Exception {
        String metaBody = WhatsAppSamples.text("send-request-pinned.json");
        HttpResponse<String> allowed = server.send(HttpRequest.newBuilder(server.uri("/v25.0/" + PNID + "/messages"))
                .header("Authorization", "Bearer " + alice).POST(HttpRequest.BodyPublishers.ofString(metaBody)).build());
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(body(allowed).get("messages").get(0).get("id").asText()).startsWith("wamid.fake");

        identityChanges();
        HttpResponse<String> blocked = server.send(HttpRequest.newBuilder(server.uri("/v25.0/" + PNID + "/messages"))
                .header("Authorization", "Bearer " + alice).POST(HttpRequest.BodyPublishers.ofString(metaBody)).build());
        assertThat(blocked.statusCode()).isEqualTo(400);
        assertThat(blocked.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode error = body(blocked).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(137000);
        assertThat(error.get("type").asText()).isEqualTo("OAuthException");
        assertThat(error.get("error_data").get("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(error.get("fbtrace_id").asText()).isNotBlank();
        assertThat(server.core.whatsApp.forwarded()).hasSize(1);
    }

    @Test
    void theDropInRefusesWhatTheGateCannotNameAndServesNoOtherGraphPath() throws Exception {
        HttpResponse<String> group = server.send(HttpRequest.newBuilder(server.uri("/v25.0/" + PNID + "/messages"))
                .header("Authorization", "Bearer " + alice)
                .POST(HttpRequest.BodyPublishers.ofString("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"group\","
                        + "\"to\":\"Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD\",\"type\":\"text\","
                        + "\"text\":{\"body\":\"x\"}}")).build());
        assertThat(group.statusCode()).isEqualTo(400);
        assertThat(body(group).get("error").get("error_data").get("details").asText()).contains("unsupported_recipient");
        HttpResponse<String> notAUserId = server.send(HttpRequest.newBuilder(server.uri("/v25.0/" + PNID + "/messages"))
                .header("Authorization", "Bearer " + alice)
                .POST(HttpRequest.BodyPublishers.ofString("{\"messaging_product\":\"whatsapp\",\"recipient\":\"@sheena\","
                        + "\"type\":\"text\",\"text\":{\"body\":\"x\"}}")).build());
        assertThat(notAUserId.statusCode()).isEqualTo(400);
        assertThat(body(notAUserId).get("error").get("message").asText()).contains("recipient must be a business-scoped user id");
        assertThat(server.core.whatsApp.forwarded()).isEmpty();

        HttpResponse<String> other = server.send(HttpRequest.newBuilder(server.uri("/v25.0/" + PNID + "/media")).header(
                "Authorization", "Bearer " + alice).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(body(other).get("error").get("message").asText()).contains("trustgate");

        HttpResponse<String> noKey = server.send(HttpRequest.newBuilder(server.uri("/v25.0/" + PNID + "/messages"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(body(noKey).get("error").get("code").asInt()).isEqualTo(190);

        HttpResponse<String> settings = server.send(HttpRequest.newBuilder(server.uri("/v25.0/" + PNID + "/settings"))
                .header("Authorization", "Bearer " + alice)
                .POST(HttpRequest.BodyPublishers.ofString("{\"user_identity_change\":{\"enable_identity_key_check\":false}}")).build());
        assertThat(settings.statusCode()).as("only the admin key changes settings").isEqualTo(403);
    }

    @Test
    void aRecipientTheGateCannotNameIsRefusedOnTheNativeApiToo() throws Exception {
        HttpResponse<String> response = server.post("/v1/messages", alice, "{\"from\":\"" + PNID + "\",\"to\":\"group:1234\","
                + "\"message\":" + TEXT + "}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response).get("code").asText()).isEqualTo("unsupported_recipient");
    }

    @Test
    void apiKeysAreCreatedShownOnceListedWithoutTheKeyAndRevoked() throws Exception {
        HttpResponse<String> created = server.post("/v1/api-keys", RunningServer.ADMIN_KEY,
                "{\"name\":\"crm\",\"phoneNumberIds\":[\"" + PNID + "\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        String key = body(created).get("key").asText();
        String id = body(created).get("id").asText();
        assertThat(server.get(CONTACT, key).statusCode()).isEqualTo(200);
        assertThat(server.get("/v1/api-keys", RunningServer.ADMIN_KEY).body()).doesNotContain(key).contains(id);
        assertThat(server.get("/v1/api-keys", key).statusCode()).isEqualTo(403);

        assertThat(server.call("DELETE", "/v1/api-keys/" + id, RunningServer.ADMIN_KEY, null).statusCode()).isEqualTo(204);
        assertThat(server.get(CONTACT, key).statusCode()).isEqualTo(401);
    }

    @Test
    void subscriptionsShowTheirSecretOnceAndStayWithinTheKeysBusinesses() throws Exception {
        HttpResponse<String> created = server.post("/v1/subscriptions", alice,
                "{\"url\":\"http://crm.internal/trustgate\",\"eventTypes\":[\"trust.broken\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(body(created).get("secret").asText()).startsWith("whsec_");
        assertThat(body(created).get("phoneNumberIds")).extracting(JsonNode::asText).containsExactly(PNID);
        String id = body(created).get("id").asText();

        assertThat(server.get("/v1/subscriptions", alice).body()).contains(id).doesNotContain("whsec_");
        assertThat(server.get("/v1/subscriptions", server.keyFor("999000111")).body()).doesNotContain(id);
        assertThat(server.post("/v1/subscriptions", alice, "{\"url\":\"ftp://x\"}").statusCode()).isEqualTo(400);
        assertThat(server.call("DELETE", "/v1/subscriptions/" + id, alice, null).statusCode()).isEqualTo(204);
    }

    @Test
    void theAuditChainVerifiesAndTheContactListFindsTheBlocked() throws Exception {
        identityChanges();

        JsonNode audit = body(server.get("/v1/businesses/" + PNID + "/audit/verify", alice));
        assertThat(audit.get("valid").asBoolean()).isTrue();
        assertThat(audit.get("checked").asLong()).isEqualTo(3);
        assertThat(audit.get("firstBrokenSequence").isNull()).isTrue();
        assertThat(audit.get("problem").isNull()).isTrue();

        JsonNode blocked = body(server.get("/v1/businesses/" + PNID + "/contacts?state=IDENTITY_CHANGED", alice));
        assertThat(blocked.get("contacts")).extracting(c -> c.get("waId").asText()).containsExactly("16505551234");
        assertThat(server.get("/v1/businesses/" + PNID + "/contacts?state=HAPPY", alice).statusCode()).isEqualTo(400);
    }

    @Test
    void aChainWhoseNewestEventsWereDeletedAnswersWhereAndHowItBreaks() throws Exception {
        identityChanges();
        server.core.events.delete(new dev.trustgate.domain.BusinessNumberId(PNID), 3);

        HttpResponse<String> audit = server.get("/v1/businesses/" + PNID + "/audit/verify", alice);

        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(body(audit)).isEqualTo(json.readTree("{\"valid\":false,\"checked\":2,\"firstBrokenSequence\":3,"
                + "\"problem\":\"truncated\"}"));
    }
}
