package dev.trustgate.adapters.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.whatsapp.FakeGraphApi.Answer;
import dev.trustgate.application.fakes.WhatsAppSamples;
import dev.trustgate.application.port.out.GraphError;
import dev.trustgate.application.port.out.WhatsAppGateway.SendOutcome;
import dev.trustgate.application.port.out.WhatsAppGateway.SettingOutcome;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CloudApiClientTest {

    private static final Recipient TO = Recipient.of(new WaId("16505551234"));

    private static final BusinessNumberId FROM = new BusinessNumberId("106540352242922");
    private static final IdentityHash PIN = new IdentityHash("DF2lS5v2W6x=");
    private static final String TOKEN = "EAAG-test-token";

    private final ObjectMapper json = new ObjectMapper();
    private final FakeGraphApi graph = new FakeGraphApi();
    private final List<Duration> pauses = new ArrayList<>();

    @AfterEach
    void stop() {
        graph.close();
    }

    private CloudApiClient client(String url) {
        return client(url, Duration.ofMillis(700));
    }

    private CloudApiClient client(String url, Duration requestTimeout) {
        CloudApiSettings settings = new CloudApiSettings(new CloudApiHost.MetaGraph(URI.create(url), "v25.0", TOKEN),
                Duration.ofSeconds(1), requestTimeout, 2, Duration.ofMillis(10), Duration.ofSeconds(5));
        return new CloudApiClient(settings, json, pauses::add);
    }

    private String callersBody() {
        String sample = WhatsAppSamples.text("send-request-pinned.json");
        return sample.replace("\"recipient_identity_key_hash\": \"DF2lS5v2W6x=\",", "\"recipient_identity_key_hash\": \"stale\",");
    }

    @Test
    void theNamesWhatsAppAnswersASendWithAreReadFromItsContacts() {
        graph.then(Answer.ok(WhatsAppSamples.text("send-response.json")));
        graph.then(Answer.ok(WhatsAppSamples.text("names/send-response-user-id.json")));
        graph.then(Answer.ok("{\"contacts\":[{\"input\":\"x\",\"wa_id\":\"not a number\"}],\"messages\":[{\"id\":\"wamid.3\"}]}"));

        // a patient client: this test is about the answer, not about time
        CloudApiClient client = client(graph.url(), Duration.ofSeconds(10));
        SendOutcome byNumber = client.send(FROM, TO, callersBody(), Optional.of(PIN));
        SendOutcome byUserId = client.send(FROM, Recipient.of(new UserId("US.13491208655302741918")),
                "{\"recipient\":\"US.13491208655302741918\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}", Optional.empty());
        SendOutcome unreadable = client.send(FROM, TO, callersBody(), Optional.of(PIN));

        assertThat(byNumber).as(graph.received().toString()).isInstanceOf(SendOutcome.Sent.class);
        assertThat(((SendOutcome.Sent) byNumber).recipient()).isEqualTo(ContactNames.of(new WaId("16505551234")));
        assertThat(((SendOutcome.Sent) byUserId).recipient()).isEqualTo(ContactNames.of(new UserId("US.13491208655302741918")));
        assertThat(((SendOutcome.Sent) unreadable).recipient()).as("an unreadable name is left out, the send stands")
                .isEqualTo(ContactNames.NONE);
    }

    @Test
    void aSendIsPostedWithTheTokenAndTheGatesPinAtTheTopLevel() throws Exception {
        graph.then(Answer.ok(WhatsAppSamples.text("send-response.json")));

        SendOutcome outcome = client(graph.url()).send(FROM, TO, callersBody(), Optional.of(PIN));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Sent.class, sent -> {
            assertThat(sent.messageId()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MTE5MjVBOTE3MDk5QUVFM0YA");
            assertThat(sent.status()).isEqualTo(200);
        });
        FakeGraphApi.Received request = graph.received().get(0);
        assertThat(request.path()).isEqualTo("/v25.0/106540352242922/messages");
        assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(request.contentType()).startsWith("application/json");
        JsonNode body = json.readTree(request.body());
        assertThat(body.get("recipient_identity_key_hash").asText()).isEqualTo(PIN.value());
        assertThat(body.path("text").path("body").asText()).isEqualTo("Your latest statement is attached.");
        assertThat(body.get("to").asText()).isEqualTo("+16505551234");
    }

    @Test
    void aWellFormedBodyLeavesAsTheCallerWroteItWithOnlyThePinAdded() throws Exception {
        graph.then(Answer.ok(WhatsAppSamples.text("send-response.json")));
        String written = "{ \"messaging_product\": \"whatsapp\",\n  \"to\": \"+16505551234\", \"type\": \"text\",\n"
                + "  \"text\": { \"body\": \"caf\u00e9 \\u00e9\" } }\n";

        client(graph.url()).send(FROM, TO, written, Optional.of(PIN));

        String forwarded = graph.received().get(0).body();
        assertThat(forwarded).startsWith(written.substring(0, written.lastIndexOf('}')));
        assertThat(json.readTree(forwarded).get("recipient_identity_key_hash").asText()).isEqualTo(PIN.value());
        assertThat(json.readTree(forwarded).path("text").path("body").asText()).isEqualTo("caf\u00e9 \u00e9");
    }

    @Test
    void aFieldNamedTwiceLeavesOnceWithTheValueTheGateReadSoWhatsAppCannotDeliverElsewhere() {
        graph.then(Answer.ok(WhatsAppSamples.text("send-response.json")));
        graph.then(Answer.ok(WhatsAppSamples.text("send-response.json")));

        client(graph.url()).send(FROM, TO, "{\"to\":\"15550000000\",\"type\":\"text\",\"to\":\"+16505551234\"}", Optional.of(PIN));
        client(graph.url()).send(FROM, TO, "{\"to\":\"+16505551234\",\"recipient_identity_key_hash\":\"mine\"}", Optional.of(PIN));

        assertThat(graph.received().get(0).body()).isEqualTo("{\"to\":\"+16505551234\",\"type\":\"text\","
                + "\"recipient_identity_key_hash\":\"" + PIN.value() + "\"}");
        assertThat(graph.received().get(1).body()).isEqualTo("{\"to\":\"+16505551234\",\"recipient_identity_key_hash\":\""
                + PIN.value() + "\"}");
    }

    @Test
    void anUnpinnedSendCarriesNoIdentityHashEvenIfTheCallerGaveOne() throws Exception {
        graph.then(Answer.ok(WhatsAppSamples.text("send-response.json")));

        client(graph.url()).send(FROM, TO, callersBody(), Optional.empty());

        assertThat(json.readTree(graph.received().get(0).body()).has("recipient_identity_key_hash")).isFalse();
    }

    @Test
    void aGraphErrorIsReturnedTypedAndNotRetried() {
        graph.then(Answer.status(400, WhatsAppSamples.text("graph-error.json")));

        SendOutcome outcome = client(graph.url()).send(FROM, TO, callersBody(), Optional.of(PIN));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo(new GraphError(131030, "OAuthException",
                    "(#131030) Recipient phone number not in allowed list",
                    "Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.",
                    "AbCdEfGhIjKlMnOpQrSt"));
        });
        assertThat(graph.received()).hasSize(1);
    }

    @Test
    void a429WithRetryAfterIsRetriedAfterTheWaitWhatsAppAskedFor() {
        graph.then(new Answer(429, "{\"error\":{\"message\":\"rate limit\",\"code\":130429}}", "1", false))
                .then(Answer.ok(WhatsAppSamples.text("send-response.json")));

        SendOutcome outcome = client(graph.url()).send(FROM, TO, callersBody(), Optional.of(PIN));

        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        assertThat(graph.received()).hasSize(2);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aTimeoutAfterTheRequestWasWrittenIsNeverRetried() {
        graph.then(new Answer(200, WhatsAppSamples.text("send-response.json"), null, true));

        SendOutcome outcome = client(graph.url()).send(FROM, TO, callersBody(), Optional.of(PIN));

        assertThat(outcome).isEqualTo(new SendOutcome.Unavailable("WhatsApp did not answer within 700 ms", true, true));
        assertThat(graph.received()).hasSize(1);
    }

    @Test
    void anAnswerWithoutAMessageIdIsReportedAsPossiblySent() {
        graph.then(Answer.ok("this is not json"));

        assertThat(client(graph.url()).send(FROM, TO, callersBody(), Optional.of(PIN)))
                .isInstanceOfSatisfying(SendOutcome.Unavailable.class, u -> assertThat(u.mayHaveBeenSent()).isTrue());
        assertThat(graph.received()).hasSize(1);
    }

    @Test
    void aRefusedConnectionIsRetriedBecauseNothingCanHaveBeenSent() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        SendOutcome outcome = client("http://127.0.0.1:" + closedPort).send(FROM, TO, callersBody(), Optional.of(PIN));

        assertThat(outcome).isEqualTo(new SendOutcome.Unavailable("cannot connect to WhatsApp", false, false));
        assertThat(pauses).hasSize(2);
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> client(graph.url()).send(FROM, TO, "[1,2]", Optional.of(PIN)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(graph.received()).isEmpty();
    }

    @Test
    void theIdentityCheckSettingIsPostedAndRetriedOnServerErrors() throws Exception {
        graph.then(Answer.status(503, "{\"error\":{\"message\":\"try later\",\"code\":2}}"))
                .then(Answer.ok("{\"success\":true}"));

        SettingOutcome outcome = client(graph.url()).setIdentityChecks(FROM, true);

        assertThat(outcome).isInstanceOf(SettingOutcome.Applied.class);
        assertThat(graph.received()).hasSize(2);
        FakeGraphApi.Received request = graph.received().get(1);
        assertThat(request.path()).isEqualTo("/v25.0/106540352242922/settings");
        assertThat(json.readTree(request.body())).isEqualTo(
                json.readTree("{\"user_identity_change\":{\"enable_identity_key_check\":true}}"));
    }

    @Test
    void aRefusedSettingIsReportedWithTheGraphErrorAndNotRetried() {
        graph.then(Answer.status(400, WhatsAppSamples.text("graph-error.json")));

        SettingOutcome outcome = client(graph.url()).setIdentityChecks(FROM, false);

        assertThat(outcome).isInstanceOfSatisfying(SettingOutcome.Failed.class,
                f -> assertThat(f.error()).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo(131030)));
        assertThat(graph.received()).hasSize(1);
    }

    @Test
    void theSettingsRetryBudgetIsBounded() {
        for (int i = 0; i < 5; i++) {
            graph.then(Answer.status(500, "{\"error\":{\"message\":\"down\",\"code\":1}}"));
        }

        assertThat(client(graph.url()).setIdentityChecks(FROM, true)).isInstanceOf(SettingOutcome.Failed.class);
        assertThat(graph.received()).hasSize(3);
    }

    @Test
    void theAccessTokenNeverAppearsInTheSettingsText() {
        assertThat(CloudApiSettings.of(URI.create("https://graph.facebook.com"), "v25.0", TOKEN).toString())
                .doesNotContain(TOKEN);
    }
}
