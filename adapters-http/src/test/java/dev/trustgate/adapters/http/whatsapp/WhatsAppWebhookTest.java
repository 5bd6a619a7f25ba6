package dev.trustgate.adapters.http.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.RunningServer;
import dev.trustgate.adapters.http.support.WebhookSignature;
import dev.trustgate.application.Caller;
import dev.trustgate.application.fakes.WhatsAppSamples;
import dev.trustgate.application.port.in.OptInToIdentityChecksUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.TrustState;
import dev.trustgate.domain.WaId;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WhatsApp's webhook over a real socket: signatures, limits, and every published sample's effect. */
class WhatsAppWebhookTest {

    static final BusinessNumberId BUSINESS = new BusinessNumberId("106540352242922");
    static final WaId CUSTOMER = new WaId("16505551234");
    static final IdentityHash OLD = new IdentityHash("DF2lS5v2W6x=");
    static final IdentityHash NEW = new IdentityHash("Qm9vbXNoYWthbGFrYQ==");

    private final ObjectMapper json = new ObjectMapper();
    private RunningServer server;

    @BeforeEach
    void start() {
        server = new RunningServer();
        server.services.optIn.setIdentityChecks(new OptInToIdentityChecksUseCase.Command(Caller.admin(new Actor("admin")),
                BUSINESS, true));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Optional<ContactTrust> customer() {
        return server.contact(BUSINESS, CUSTOMER);
    }

    private long events() {
        return server.core.events.read(BUSINESS, 0, 1000).size();
    }

    private HttpResponse<String> deliver(String sample) {
        return server.signedWebhook(WhatsAppSamples.bytes(sample));
    }

    @Test
    void theSubscriptionHandshakeEchoesTheChallengeOnlyForTheRightToken() {
        HttpResponse<String> ok = server.send(HttpRequest.newBuilder(server.uri(
                "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=1158201444")).build());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));

        HttpResponse<String> wrong = server.send(HttpRequest.newBuilder(server.uri(
                "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444")).build());
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain("1158201444");
    }

    @Test
    void anInboundMessagesIdentityHashBecomesTheBaseline() {
        HttpResponse<String> response = deliver("inbound-text-with-identity-hash.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(customer()).hasValueSatisfying(c -> {
            assertThat(c.state()).isEqualTo(TrustState.UNVERIFIED);
            assertThat(c.identityHash()).contains(OLD);
            assertThat(c.identityAsOf()).contains(java.time.Instant.ofEpochSecond(1749416383L));
        });
    }

    @Test
    void aStatusWithTheSameHashChangesNothing() {
        deliver("inbound-text-with-identity-hash.json");
        long before = events();

        assertThat(deliver("status-delivered-with-identity-hash.json").statusCode()).isEqualTo(200);

        assertThat(events()).isEqualTo(before);
        assertThat(customer().orElseThrow().state()).isEqualTo(TrustState.UNVERIFIED);
    }

    @Test
    void aCustomerIdentityChangedSystemMessageBlocksTheContact() {
        deliver("inbound-text-with-identity-hash.json");

        assertThat(deliver("system-customer-identity-changed.json").statusCode()).isEqualTo(200);

        assertThat(customer()).hasValueSatisfying(c -> {
            assertThat(c.state()).isEqualTo(TrustState.IDENTITY_CHANGED);
            assertThat(c.pendingChange().orElseThrow().hash()).contains(NEW);
        });
        assertThat(server.core.events.read(BUSINESS, 0, 100)).extracting(RecordedEvent::type)
                .containsExactly("identity.baseline", "identity.changed", "trust.broken");
    }

    @Test
    void aSignedWebhookCannotBeTurnedIntoAnotherBusinesssByANumberInTheUrl() {
        byte[] body = WhatsAppSamples.bytes("onprem-system-user-identity-changed.json");

        HttpResponse<String> replayed = server.webhook(body, server.signature.sign(body), "?phone_number_id=999000111");

        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(replayed.body()).contains("not covered by the webhook's signature").contains("not the number");
        assertThat(server.contact(new BusinessNumberId("999000111"), new WaId("16315553601"))).isEmpty();
        assertThat(server.contact(BUSINESS, new WaId("16315553601"))).isEmpty();
    }

    @Test
    void anOnPremisesUserIdentityChangedMessageBlocksTheContactOfTheConfiguredNumber() {
        byte[] body = WhatsAppSamples.bytes("onprem-system-user-identity-changed.json");

        HttpResponse<String> response = server.webhook(body, server.signature.sign(body), "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(server.contact(BUSINESS, new WaId("16315553601")))
                .hasValueSatisfying(c -> {
                    assertThat(c.state()).isEqualTo(TrustState.IDENTITY_CHANGED);
                    assertThat(c.pendingChange().orElseThrow().hash()).contains(new IdentityHash("Rc/eg9Rl0JA="));
                });
    }

    @Test
    void aFailed137000StatusForAPinnedMessageBlocksOnTheStatussHash() {
        deliver("inbound-text-with-identity-hash.json");
        String messageId = ((SendMessageUseCase.Result.Sent) server.services.send.send(new SendMessageUseCase.Command(
                Caller.admin(new Actor("admin")), BUSINESS, Recipient.of(CUSTOMER), "{\"type\":\"text\",\"text\":{\"body\":\"hi\"}}", false,
                SendMessageUseCase.OnBlocked.REJECT))).messageId();
        String status = WhatsAppSamples.text("status-failed-identity-mismatch.json")
                .replace("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDNUQ3QjNBRjk5RTVFOUQ3QjIA", messageId);

        assertThat(server.signedWebhook(status.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);

        assertThat(customer()).hasValueSatisfying(c -> {
            assertThat(c.state()).isEqualTo(TrustState.IDENTITY_CHANGED);
            assertThat(c.pendingChange().orElseThrow().hash()).contains(NEW);
        });
    }

    @Test
    void aSystemMessageWithoutAnIdentityBlocksWithAnUnknownHash() {
        deliver("inbound-text-with-identity-hash.json");
        String withoutIdentity = WhatsAppSamples.text("system-customer-identity-changed.json")
                .replace("\"identity\": \"Qm9vbXNoYWthbGFrYQ==\",", "");

        assertThat(server.signedWebhook(withoutIdentity.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);

        assertThat(customer()).hasValueSatisfying(c -> {
            assertThat(c.state()).isEqualTo(TrustState.IDENTITY_CHANGED);
            assertThat(c.pendingChange().orElseThrow().hash()).isEmpty();
        });
    }

    @Test
    void aRedeliveredWebhookIsAcknowledgedWithoutASecondEffect() throws Exception {
        deliver("inbound-text-with-identity-hash.json");
        deliver("system-customer-identity-changed.json");
        long before = events();

        HttpResponse<String> again = deliver("system-customer-identity-changed.json");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json.readTree(again.body()).get("duplicates").asInt()).isEqualTo(1);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void anOlderWebhookArrivingLateNeverReblocks() {
        deliver("system-customer-identity-changed.json");
        long before = events();
        String older = WhatsAppSamples.text("inbound-text-with-identity-hash.json");

        assertThat(server.signedWebhook(older.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);

        assertThat(events()).isEqualTo(before);
        assertThat(customer().orElseThrow().pendingChange().orElseThrow().hash()).contains(NEW);
    }

    @Test
    void aMissingWrongOrMisplacedSignatureIsRefusedAndStoresNothing() {
        byte[] body = WhatsAppSamples.bytes("system-customer-identity-changed.json");
        byte[] other = WhatsAppSamples.bytes("inbound-text-with-identity-hash.json");
        WebhookSignature wrongSecret = new WebhookSignature("not-the-app-secret");

        assertThat(server.webhook(body, null, "").statusCode()).isEqualTo(401);
        assertThat(server.webhook(body, wrongSecret.sign(body), "").statusCode()).isEqualTo(401);
        assertThat(server.webhook(body, server.signature.sign(other), "").statusCode()).isEqualTo(401);
        assertThat(server.webhook(body, "sha256=zz", "").statusCode()).isEqualTo(401);
        HttpResponse<String> refused = server.webhook(body, "sha1=" + "0".repeat(40), "");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(customer()).isEmpty();
        assertThat(server.core.receipts.contains(BUSINESS + ":msg:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUI1RkM1QzE2Q0M0QjU0NkE1RQA="))
                .isFalse();
    }

    @Test
    void malformedJsonWithAValidSignatureIsABadRequest() throws Exception {
        byte[] body = "{\"object\":\"whatsapp_business_account\",".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = server.signedWebhook(body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo("invalid_request");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
    }

    @Test
    void anOversizedWebhookIsRefusedBeforeItIsRead() throws Exception {
        RunningServer.RawAnswer response = RunningServer.declaringBody(server.server.port(), "POST", "/webhooks/whatsapp",
                Map.of("Content-Type", "application/json", "X-Hub-Signature-256", "sha256=" + "0".repeat(64)), 70 * 1024);

        assertThat(response.status()).isEqualTo(413);
        assertThat(json.readTree(response.body()).get("code").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void anItemNamingNoReadableCustomerIsSkippedWithoutAnErrorOrAChange() throws Exception {
        String badWaId = WhatsAppSamples.text("inbound-text-with-identity-hash.json").replace("\"16505551234\"", "\"+1 650 ABC\"");

        HttpResponse<String> response = server.signedWebhook(badWaId.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("skipped").asInt()).isEqualTo(1);
        assertThat(customer()).isEmpty();
        assertThat(events()).isZero();
    }

    @Test
    void anIdentityChangeWhoseHashCannotBeReadBlocksWithAnUnknownIdentityInsteadOfBeingSkipped() throws Exception {
        deliver("inbound-text-with-identity-hash.json");
        String badHash = WhatsAppSamples.text("system-customer-identity-changed.json").replace("Qm9vbXNoYWthbGFrYQ==", "not base64!");

        HttpResponse<String> response = server.signedWebhook(badHash.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("skipped").asInt()).isZero();
        assertThat(customer()).hasValueSatisfying(c -> {
            assertThat(c.state()).isEqualTo(TrustState.IDENTITY_CHANGED);
            assertThat(c.pendingChange().orElseThrow().hash()).isEmpty();
        });
    }

    @Test
    void aTimestampFromTheFarFutureIsNotBelievedSoItCannotFreezeTheContactsIdentity() {
        String future = WhatsAppSamples.text("inbound-text-with-identity-hash.json").replace("1749416383", "99999999999");

        assertThat(server.signedWebhook(future.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        assertThat(customer()).as("an observation without a usable time is skipped").isEmpty();

        deliver("inbound-text-with-identity-hash.json");
        String futureChange = WhatsAppSamples.text("system-customer-identity-changed.json").replace("1750263700", "99999999999");
        assertThat(server.signedWebhook(futureChange.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        assertThat(customer().orElseThrow().state()).as("a change notice still blocks, as of its arrival")
                .isEqualTo(TrustState.IDENTITY_CHANGED);
        assertThat(customer().orElseThrow().identityAsOf()).contains(server.core.clock.now());
    }

    @Test
    void wellFormedPayloadsOfNoInterestAreAcknowledged() {
        String other = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"account_update\","
                + "\"value\":{\"event\":\"VERIFIED_ACCOUNT\"}}]}]}";

        assertThat(server.signedWebhook(other.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        assertThat(server.signedWebhook("{}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
    }

    @Test
    void whenStorageIsDownWhatsAppIsToldToRetry() throws Exception {
        server.core.transactions.failWith(true);

        HttpResponse<String> response = deliver("system-customer-identity-changed.json");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json.readTree(response.body()).get("code").asText()).isEqualTo("storage_unavailable");
        server.core.transactions.failWith(false);
        assertThat(deliver("system-customer-identity-changed.json").statusCode()).isEqualTo(200);
        assertThat(customer().orElseThrow().state()).isEqualTo(TrustState.IDENTITY_CHANGED);
    }
}
