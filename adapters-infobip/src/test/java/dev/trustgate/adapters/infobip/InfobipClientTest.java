package dev.trustgate.adapters.infobip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.port.out.WhatsAppGateway.Capabilities;
import dev.trustgate.application.port.out.WhatsAppGateway.ConfirmOutcome;
import dev.trustgate.application.port.out.WhatsAppGateway.IdentityChecks;
import dev.trustgate.application.port.out.WhatsAppGateway.ReadOutcome;
import dev.trustgate.application.port.out.WhatsAppGateway.SendOutcome;
import dev.trustgate.application.port.out.WhatsAppGateway.SettingOutcome;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import dev.trustgate.testkit.FakeInfobip;
import dev.trustgate.testkit.ProviderFake;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What is Infobip's own: its endpoints per message type, its identity API, and the add-on no API turns on. */
class InfobipClientTest {

    private static final String KEY = "infobip-test-key";
    private static final BusinessNumberId SENDER = new BusinessNumberId("447796344125");
    private static final WaId CUSTOMER = new WaId("16505551234");
    private static final IdentityHash NEW = new IdentityHash("Qm9vbXNoYWthbGFrYQ==");
    private static final String TEXT = "{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"text\","
            + "\"text\":{\"body\":\"Your statement is ready.\",\"preview_url\":false}}";
    private static final String TEMPLATE = "{\"messaging_product\":\"whatsapp\",\"to\":\"16505551234\",\"type\":\"template\","
            + "\"template\":{\"name\":\"statement_ready\",\"language\":{\"code\":\"en_GB\"},\"components\":[{\"type\":\"body\","
            + "\"parameters\":[{\"type\":\"text\",\"text\":\"Ada\"},{\"type\":\"text\",\"text\":\"June\"}]}]}}";

    private final ObjectMapper json = new ObjectMapper();
    private final FakeInfobip infobip = new FakeInfobip(KEY);

    @AfterEach
    void stop() {
        infobip.close();
    }

    private InfobipClient client(String url, String key, boolean identityChangeEnabled) {
        return new InfobipClient(new InfobipSettings(URI.create(url), key, identityChangeEnabled, Duration.ofSeconds(1),
                Duration.ofSeconds(10), 2, Duration.ofMillis(10), Duration.ofSeconds(5)), json, d -> { });
    }

    private InfobipClient client() {
        return client(infobip.url(), KEY, true);
    }

    @Test
    void aTextGoesToInfobipsTextEndpointFromTheSenderWithTheAppKeyAndIsAnsweredInTheCloudApisShape() throws Exception {
        SendOutcome outcome = client().send(SENDER, Recipient.of(CUSTOMER), TEXT, Optional.of(NEW));

        ProviderFake.Received request = infobip.sends().get(0);
        assertThat(request.path()).isEqualTo("/whatsapp/1/message/text");
        assertThat(request.header("Authorization")).isEqualTo("App " + KEY);
        assertThat(json.readTree(request.body())).isEqualTo(json.readTree("{\"from\":\"447796344125\",\"to\":\"16505551234\","
                + "\"content\":{\"text\":\"Your statement is ready.\",\"previewUrl\":false}}"));
        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Sent.class, sent -> {
            assertThat(sent.messageId()).isEqualTo("ib-1");
            assertThat(sent.recipient().waId()).contains(CUSTOMER);
            JsonNode answer = read(sent.body());
            assertThat(answer.path("messages").path(0).path("id").asText()).isEqualTo("ib-1");
            assertThat(answer.path("contacts").path(0).path("wa_id").asText()).isEqualTo("16505551234");
        });
    }

    @Test
    void aTemplateWithBodyTextsBecomesInfobipsTemplateWithItsPlaceholdersInOrder() throws Exception {
        SendOutcome outcome = client().send(SENDER, Recipient.of(CUSTOMER), TEMPLATE, Optional.empty());

        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        ProviderFake.Received request = infobip.sends().get(0);
        assertThat(request.path()).isEqualTo("/whatsapp/1/message/template");
        assertThat(json.readTree(request.body())).isEqualTo(json.readTree("{\"messages\":[{\"from\":\"447796344125\","
                + "\"to\":\"16505551234\",\"content\":{\"templateName\":\"statement_ready\",\"templateData\":{\"body\":"
                + "{\"placeholders\":[\"Ada\",\"June\"]}},\"language\":\"en_GB\"}}]}"));
    }

    @Test
    void everyOtherMessageTypeIsNamedAndRefusedBeforeAnythingLeaves() {
        InfobipClient client = client();
        String image = "{\"to\":\"16505551234\",\"type\":\"image\",\"image\":{\"link\":\"https://example.com/a.png\"}}";
        String interactive = "{\"to\":\"16505551234\",\"type\":\"interactive\",\"interactive\":{\"type\":\"button\"}}";
        String headerTemplate = TEMPLATE.replace("[{\"type\":\"body\"", "[{\"type\":\"header\",\"parameters\":[]},{\"type\":\"body\"");
        String currency = TEMPLATE.replace("{\"type\":\"text\",\"text\":\"June\"}", "{\"type\":\"currency\",\"currency\":{}}");

        assertThat(client.unsupportedMessageType(image)).contains("image");
        assertThat(client.unsupportedMessageType(interactive)).contains("interactive");
        assertThat(client.unsupportedMessageType(headerTemplate)).contains("template with a header component");
        assertThat(client.unsupportedMessageType(currency)).contains("template with a body parameter of type currency");
        assertThat(client.unsupportedMessageType(TEXT)).isEmpty();
        assertThat(client.unsupportedMessageType(TEMPLATE)).isEmpty();
        assertThat(client.unsupportedMessageType("{\"text\":{\"body\":\"no type is text\"}}")).isEmpty();

        assertThat(client.send(SENDER, Recipient.of(CUSTOMER), image, Optional.empty()))
                .isInstanceOfSatisfying(SendOutcome.Refused.class, r -> assertThat(r.error().message()).contains("image"));
        assertThat(infobip.sends()).isEmpty();
    }

    @Test
    void aMessageAddressedByUserIdAloneIsRefusedBeforeAnythingLeaves() {
        SendOutcome outcome = client().send(SENDER, Recipient.of(new UserId("US.13491208655302741918")),
                "{\"recipient\":\"US.13491208655302741918\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}", Optional.empty());

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Refused.class,
                refused -> assertThat(refused.error().message()).contains("phone number"));
        assertThat(infobip.sends()).isEmpty();
    }

    @Test
    void aWrongKeyComesBackAsInfobipsOwnRefusal() {
        SendOutcome outcome = client(infobip.url(), "not-the-key", true).send(SENDER, Recipient.of(CUSTOMER), TEXT, Optional.empty());

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.error().message()).contains("Invalid login details");
        });
    }

    @Test
    void confirmingTheHashInfobipHoldsLiftsItsBlock() {
        infobip.identityChanged(SENDER.value(), CUSTOMER.value(), NEW.value());

        assertThat(client().confirmIdentity(SENDER, CUSTOMER, NEW)).isEqualTo(new ConfirmOutcome.Confirmed());

        assertThat(infobip.blocked(SENDER.value(), CUSTOMER.value())).isFalse();
        assertThat(infobip.confirmations()).containsExactly(new FakeInfobip.Confirmation(SENDER.value(), CUSTOMER.value(),
                NEW.value(), 204));
    }

    @Test
    void confirmingAnotherHashIsRefusedWithInfobipsReasonAndTheBlockStays() {
        infobip.identityChanged(SENDER.value(), CUSTOMER.value(), "c29tZXRoaW5nIGVsc2U=");

        assertThat(client().confirmIdentity(SENDER, CUSTOMER, NEW)).isInstanceOfSatisfying(ConfirmOutcome.Refused.class,
                refused -> assertThat(refused.reason()).contains("409").contains("Incorrect identity hash provided"));
        assertThat(infobip.blocked(SENDER.value(), CUSTOMER.value())).isTrue();
    }

    @Test
    void confirmingForACustomerInfobipHoldsNoIdentityForIsRefused() {
        assertThat(client().confirmIdentity(SENDER, CUSTOMER, NEW)).isInstanceOfSatisfying(ConfirmOutcome.Refused.class,
                refused -> assertThat(refused.reason()).contains("404"));
    }

    @Test
    void aConfirmationThatCannotReachInfobipIsAskedAgainLater() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThat(client("http://127.0.0.1:" + closedPort, KEY, true).confirmIdentity(SENDER, CUSTOMER, NEW))
                .isInstanceOf(ConfirmOutcome.RetryLater.class);
    }

    @Test
    void theOptInIsRefusedUntilTheOperatorSaysInfobipEnabledTheAddOnAndTheOptOutIsAlwaysRecorded() {
        assertThat(client(infobip.url(), KEY, false).setIdentityChecks(SENDER, true)).isInstanceOfSatisfying(
                SettingOutcome.Unsupported.class, unsupported -> assertThat(unsupported.reason()).contains("INFOBIP_IDENTITY_CHANGE"));
        assertThat(client(infobip.url(), KEY, true).setIdentityChecks(SENDER, true)).isInstanceOf(SettingOutcome.Applied.class);
        assertThat(client(infobip.url(), KEY, false).setIdentityChecks(SENDER, false)).isInstanceOf(SettingOutcome.Applied.class);
    }

    @Test
    void aReadReceiptIsPassedToInfobipsMarkAsReadAndATypingIndicatorIsRefused() {
        ReadOutcome read = client().markRead(SENDER, "{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"ABEGkYaYVSEEAhAL3SLAWwHKeKrt\"}");
        ReadOutcome typing = client().markRead(SENDER, "{\"messaging_product\":\"whatsapp\",\"status\":\"read\","
                + "\"message_id\":\"ABEGkYaYVSEEAhAL3SLAWwHKeKrt\",\"typing_indicator\":{\"type\":\"text\"}}");

        assertThat(read).isEqualTo(new ReadOutcome.Answered(200, "{\"success\":true}"));
        assertThat(typing).isInstanceOfSatisfying(ReadOutcome.Answered.class, answered -> assertThat(answered.status()).isEqualTo(400));
        assertThat(infobip.readMarks()).containsExactly("447796344125/ABEGkYaYVSEEAhAL3SLAWwHKeKrt");
    }

    @Test
    void itPinsNothingKeepsItsOwnIdentityBlockAndCarriesTextAndTemplates() {
        assertThat(client().capabilities()).isEqualTo(new Capabilities("infobip", false, IdentityChecks.PROVIDER_ACCOUNT, true,
                Set.of("text", "template")));
    }

    @Test
    void theKeyNeverAppearsInTheSettingsText() {
        assertThat(InfobipSettings.of(URI.create("https://abc123.api.infobip.com"), KEY, false).toString()).doesNotContain(KEY);
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
