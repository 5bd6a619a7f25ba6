package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustgate.adapters.persistence.EmbeddedPostgresServer;
import dev.trustgate.application.fakes.WhatsAppSamples;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gate holds for every name of a customer (DESIGN §4 "Who a customer is"), through the assembled server
 * on H2 and on a real PostgreSQL, with webhooks in WhatsApp's 2026 shapes: a username customer known only by
 * user id, a Brazilian number in its other spelling, a number change, two contacts found to be one user,
 * hashes that cannot be read, and calls that carry nothing to a customer.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"H2", "PostgreSQL"})
class CustomerNamesEndToEndTest {

    private static final String PNID = "106540352242922";
    private static final String ADMIN_KEY = "tg_names_admin_key_0123456789abcdef";
    private static final String SECRET = "names-app-secret";
    private static final String USER = "US.13491208655302741918";
    private static final String OLD = "DF2lS5v2W6x=";
    private static final String NEW = "Qm9vbXNoYWthbGFrYQ==";

    @Parameter
    String database;

    private final FakeGraph graph = new FakeGraph();
    private LocalServer server;
    private String key;

    @BeforeEach
    void start(@TempDir Path data) {
        Map<String, String> env = LocalServer.env(database.equals("H2") ? "jdbc:h2:file:" + data.resolve("trustgate")
                : EmbeddedPostgresServer.newDatabase("names"), graph.url(), ADMIN_KEY, SECRET);
        if (!database.equals("H2")) {
            env.put("TRUSTGATE_DB_USER", "postgres");
            env.put("TRUSTGATE_DB_PASSWORD", "postgres");
        }
        server = LocalServer.start(env);
        assertThat(server.call("PUT", "/v1/businesses/" + PNID + "/identity-checks", ADMIN_KEY, "{\"enabled\":true}").statusCode())
                .isEqualTo(200);
        key = server.apiKey("crm", PNID);
    }

    @AfterEach
    void stop() {
        server.close();
        graph.close();
    }

    private void deliver(String payload) {
        HttpResponse<String> response = server.webhook(payload.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** A named sample re-timed and re-identified, so each delivery is a webhook of its own. */
    private static String sample(String name, String hash, long timestamp, String messageId) {
        return WhatsAppSamples.text(name).replace("DF2lS5v2W6x=", hash).replace("1749416383", Long.toString(timestamp))
                .replace("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", messageId);
    }

    private JsonNode contact(String customer) {
        return server.json(server.call("GET", "/v1/businesses/" + PNID + "/contacts/" + customer, key, null));
    }

    private HttpResponse<String> post(String path, String body) {
        return server.call("POST", path, key, body);
    }

    private HttpResponse<String> send(String addressing) {
        return post("/v1/messages", "{\"from\":\"" + PNID + "\"," + addressing
                + ",\"message\":{\"type\":\"text\",\"text\":{\"body\":\"Your statement\"}}}");
    }

    private HttpResponse<String> dropIn(String addressing) {
        return post("/v25.0/" + PNID + "/messages", "{\"messaging_product\":\"whatsapp\"," + addressing
                + ",\"type\":\"text\",\"text\":{\"body\":\"Your statement\"}}");
    }

    private JsonNode events() {
        return server.json(server.call("GET", "/v1/businesses/" + PNID + "/events?limit=1000", key, null)).path("events");
    }

    @Test
    void aUsernameCustomerKnownOnlyByUserIdIsBaselinedBlockedReauthenticatedAndAcknowledged() {
        deliver(sample("names/inbound-text-username-user-with-identity-hash.json", OLD, 1_749_416_383L, "wamid.A1"));
        assertThat(contact(USER).path("state").asText()).isEqualTo("UNVERIFIED");
        assertThat(contact(USER).path("waId").isNull()).as("WhatsApp withheld the number").isTrue();
        assertThat(contact(USER).path("parentUserId").asText()).isEqualTo("US.ENT.11815799212886844830");
        assertThat(send("\"recipient\":\"" + USER + "\"").statusCode()).isEqualTo(200);

        deliver(sample("names/inbound-text-username-user-with-identity-hash.json", NEW, 1_749_416_999L, "wamid.A2"));

        assertThat(contact(USER).path("state").asText()).isEqualTo("IDENTITY_CHANGED");
        HttpResponse<String> refused = send("\"recipient\":\"" + USER + "\"");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(server.json(refused).path("code").asText()).isEqualTo("identity_change_unacknowledged");
        HttpResponse<String> dropInRefused = dropIn("\"recipient_type\":\"individual\",\"recipient\":\"" + USER + "\"");
        assertThat(dropInRefused.statusCode()).isEqualTo(400);
        assertThat(server.json(dropInRefused).path("error").path("code").asInt()).isEqualTo(137000);
        assertThat(graph.forwarded()).hasSize(1);

        String contactPath = "/v1/businesses/" + PNID + "/contacts/" + USER;
        String reauth = server.json(post(contactPath + "/reauthentications", "{}")).path("id").asText();
        assertThat(post(contactPath + "/reauthentications/" + reauth + "/result", "{\"outcome\":\"succeeded\",\"method\":\"video_call\"}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> acknowledged = post(contactPath + "/acknowledgements", "{\"identityHash\":\"" + NEW + "\"}");
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        assertThat(server.json(acknowledged).path("state").asText()).isEqualTo("TRUSTED");
        assertThat(server.json(acknowledged).path("userId").asText()).isEqualTo(USER);

        assertThat(send("\"recipient\":\"" + USER + "\",\"sensitive\":true").statusCode()).isEqualTo(200);
        assertThat(graph.forwarded()).last().satisfies(f -> {
            assertThat(f.pin()).contains(NEW);
            assertThat(f.body().path("recipient").asText()).isEqualTo(USER);
        });
    }

    @Test
    void aRefused137000StatusNamingOnlyTheUserIdBlocksThatCustomer() {
        deliver(sample("names/inbound-text-username-user-with-identity-hash.json", OLD, 1_749_416_383L, "wamid.B1"));
        String wamid = server.json(send("\"recipient\":\"" + USER + "\"")).path("messageId").asText();

        deliver(WhatsAppSamples.text("names/status-failed-identity-mismatch-user-id-only.json")
                .replace("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDNUQ3QjNBRjk5RTVFOUQ3QjIA", wamid));

        JsonNode blocked = contact(USER);
        assertThat(blocked.path("state").asText()).isEqualTo("IDENTITY_CHANGED");
        assertThat(blocked.path("pendingChange").path("identityHash").isNull()).isTrue();
        assertThat(send("\"recipient\":\"" + USER + "\"").statusCode()).isEqualTo(409);
    }

    @Test
    void theBrazilianSpellingOfABlockedCustomerIsBlockedThroughBothEndpoints() {
        String waId = "551187654321";
        deliver(WhatsAppSamples.inboundText(waId, OLD, 1_750_000_000L, "wamid.C1"));
        deliver(WhatsAppSamples.identityChange(waId, NEW, 1_750_000_100L, "wamid.C2"));

        HttpResponse<String> nativeSend = send("\"to\":\"+55 11 98765-4321\"");
        HttpResponse<String> dropInSend = dropIn("\"to\":\"+55 (11) 98765-4321\"");

        assertThat(nativeSend.statusCode()).isEqualTo(409);
        assertThat(dropInSend.statusCode()).isEqualTo(400);
        assertThat(server.json(dropInSend).path("error").path("code").asInt()).isEqualTo(137000);
        assertThat(graph.forwarded()).isEmpty();
        assertThat(contact("5511987654321").path("waId").asText()).as("found by its other spelling, keeping WhatsApp's")
                .isEqualTo(waId);
    }

    @Test
    void aSendToANewSpellingLearnsTheNumberWhatsAppAnswersWith() {
        graph.answerNumber("5511987654321", "551187654321");

        assertThat(send("\"to\":\"+55 11 98765-4321\"").statusCode()).isEqualTo(200);

        assertThat(graph.forwarded()).singleElement().satisfies(f -> assertThat(f.to()).as("to is not rewritten")
                .isEqualTo("+55 11 98765-4321"));
        JsonNode contact = contact("551187654321");
        assertThat(contact.path("waId").asText()).isEqualTo("551187654321");
        assertThat(contact("5511987654321").path("contactId").asText()).isEqualTo(contact.path("contactId").asText());
    }

    @Test
    void aNumberChangeBlocksTheOldNumberAndKeepsTheCustomersTrustOnTheNewOne() {
        deliver(WhatsAppSamples.text("names/inbound-text-with-user-id-and-identity-hash.json"));
        assertThat(post("/v1/businesses/" + PNID + "/contacts/16505551234/authentications", "{}").statusCode()).isEqualTo(200);
        String contactId = contact("16505551234").path("contactId").asText();

        deliver(WhatsAppSamples.text("names/system-user-changed-number.json"));

        JsonNode moved = contact("12195555358");
        assertThat(moved.path("contactId").asText()).isEqualTo(contactId);
        assertThat(moved.path("state").asText()).isEqualTo("TRUSTED");
        assertThat(moved.path("userId").asText()).isEqualTo("US.20871465530927713564");
        assertThat(contact(USER).path("contactId").asText()).as("the earlier user id stays an alias").isEqualTo(contactId);
        JsonNode old = contact("16505551234");
        assertThat(old.path("contactId").asText()).isNotEqualTo(contactId);
        assertThat(old.path("state").asText()).isEqualTo("IDENTITY_CHANGED");
        assertThat(send("\"to\":\"16505551234\"").statusCode()).isEqualTo(409);
        assertThat(send("\"to\":\"12195555358\",\"sensitive\":true").statusCode()).isEqualTo(200);
        assertThat(events().findValuesAsText("type")).contains("contact.number_changed");
    }

    @Test
    void aUserIdChangeLinksTheNewIdAndKeepsTheOldOneAsAnAlias() {
        deliver(sample("names/inbound-text-username-user-with-identity-hash.json", OLD, 1_739_321_000L, "wamid.U1"));
        String contactId = contact(USER).path("contactId").asText();

        deliver(WhatsAppSamples.text("names/system-user-changed-user-id.json"));

        assertThat(contact("US.20871465530927713564").path("contactId").asText()).isEqualTo(contactId);
        assertThat(contact("US.ENT.30566124957003318842").path("contactId").asText()).isEqualTo(contactId);
        assertThat(contact(USER).path("userId").asText()).isEqualTo("US.20871465530927713564");
    }

    @Test
    void aTrustedAndABlockedContactFoundToBeOneUserMergeIntoABlockedOne() {
        deliver(WhatsAppSamples.inboundText("16505551234", OLD, 1_750_000_000L, "wamid.D1"));
        post("/v1/businesses/" + PNID + "/contacts/16505551234/authentications", "{}");
        deliver(sample("names/inbound-text-username-user-with-identity-hash.json", OLD, 1_750_000_010L, "wamid.D2"));
        deliver(sample("names/inbound-text-username-user-with-identity-hash.json", NEW, 1_750_000_020L, "wamid.D3"));
        assertThat(contact("16505551234").path("state").asText()).isEqualTo("TRUSTED");

        deliver(sample("names/inbound-text-with-user-id-and-identity-hash.json", NEW, 1_750_000_030L, "wamid.D4"));

        JsonNode merged = contact("16505551234");
        assertThat(merged.path("contactId").asText()).isEqualTo(contact(USER).path("contactId").asText());
        assertThat(merged.path("state").asText()).isEqualTo("IDENTITY_CHANGED");
        assertThat(send("\"to\":\"16505551234\"").statusCode()).isEqualTo(409);
        assertThat(events().findValuesAsText("type")).contains("contact.merged");
        assertThat(server.json(server.call("GET", "/v1/businesses/" + PNID + "/audit/verify", key, null)).path("valid")
                .asBoolean()).isTrue();
    }

    @Test
    void aSignedIdentitySignalWithAnUnreadableHashBlocksWithAnUnknownIdentity() {
        deliver(WhatsAppSamples.inboundText("16505551234", OLD, 1_750_000_000L, "wamid.E1"));

        deliver(WhatsAppSamples.identityChange("16505551234", "not*base64*" + "x".repeat(200), 1_750_000_100L, "wamid.E2"));

        JsonNode blocked = contact("16505551234");
        assertThat(blocked.path("state").asText()).isEqualTo("IDENTITY_CHANGED");
        assertThat(blocked.path("pendingChange").path("identityHash").isNull()).isTrue();
        assertThat(send("\"to\":\"16505551234\"").statusCode()).isEqualTo(409);
    }

    @Test
    void anIdentityChangeCarryingItsHashInTheMessagesIdentityObjectBlocksOnThatHash() {
        deliver(WhatsAppSamples.inboundText("16505551234", OLD, 1_750_000_000L, "wamid.F1"));

        deliver(WhatsAppSamples.text("system-customer-identity-changed-identity-object.json"));

        assertThat(contact("16505551234").path("pendingChange").path("identityHash").asText()).isEqualTo(NEW);
    }

    @Test
    void aReadReceiptToABlockedCustomerPassesThroughWhileMessagesAndGroupSendsDoNot() {
        deliver(WhatsAppSamples.inboundText("16505551234", OLD, 1_750_000_000L, "wamid.G1"));
        deliver(WhatsAppSamples.identityChange("16505551234", NEW, 1_750_000_100L, "wamid.G2"));

        HttpResponse<String> read = post("/v25.0/" + PNID + "/messages", "{\"messaging_product\":\"whatsapp\",\"status\":\"read\","
                + "\"message_id\":\"wamid.G1\",\"typing_indicator\":{\"type\":\"text\"}}");
        HttpResponse<String> group = dropIn("\"recipient_type\":\"group\",\"to\":\"Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD\"");

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(server.json(read).path("success").asBoolean()).isTrue();
        assertThat(graph.readReceipts()).singleElement().satisfies(r -> assertThat(r.path("message_id").asText()).isEqualTo("wamid.G1"));
        assertThat(dropIn("\"to\":\"16505551234\"").statusCode()).isEqualTo(400);
        assertThat(group.statusCode()).isEqualTo(400);
        assertThat(server.json(group).path("error").path("error_data").path("details").asText()).contains("unsupported_recipient");
        assertThat(graph.forwarded()).isEmpty();
    }

    @Test
    void theContactViewAndTheFeedNameTheCustomerByEveryName() {
        deliver(WhatsAppSamples.text("names/inbound-text-with-user-id-and-identity-hash.json"));

        JsonNode byNumber = contact("16505551234");
        JsonNode byUserId = contact(USER);
        JsonNode byContactId = contact(byNumber.path("contactId").asText());

        assertThat(byNumber.path("contactId").asText()).startsWith("ct_");
        assertThat(byNumber).isEqualTo(byUserId).isEqualTo(byContactId);
        assertThat(byNumber.path("waId").asText()).isEqualTo("16505551234");
        assertThat(byNumber.path("userId").asText()).isEqualTo(USER);
        JsonNode baseline = events().path(0);
        assertThat(baseline.path("contactId").asText()).isEqualTo(byNumber.path("contactId").asText());
        assertThat(baseline.path("waId").asText()).isEqualTo("16505551234");
        assertThat(baseline.path("userId").asText()).isEqualTo(USER);
        assertThat(server.call("GET", "/v1/businesses/" + PNID + "/contacts/@sheena", key, null).statusCode()).isEqualTo(400);
        assertThat(server.call("GET", "/v1/businesses/" + PNID + "/contacts/US.999", key, null).statusCode()).isEqualTo(404);
    }
}
