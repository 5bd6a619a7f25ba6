package dev.trustgate.example.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.trustgate.adapters.http.support.WebhookSignature;
import dev.trustgate.application.fakes.WhatsAppSamples;
import dev.trustgate.bootstrap.Config;
import dev.trustgate.bootstrap.TrustgateServer;
import dev.trustgate.client.ApiClient;
import dev.trustgate.client.ApiException;
import dev.trustgate.client.JSON;
import dev.trustgate.client.api.DefaultApi;
import dev.trustgate.client.model.Acknowledgement;
import dev.trustgate.client.model.ContactView;
import dev.trustgate.client.model.IdentityChecksSetting;
import dev.trustgate.client.model.NewApiKey;
import dev.trustgate.client.model.Problem;
import dev.trustgate.client.model.ReauthenticationResult;
import dev.trustgate.client.model.SendRequest;
import dev.trustgate.client.model.SentMessage;
import dev.trustgate.client.model.TrustState;
import dev.trustgate.client.model.WhatsAppWebhook;
import dev.trustgate.testkit.OpenApiContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's five steps, and an acknowledgement that is not trust, through the client openapi-generator made from
 * docs/openapi.json (the served document), unmodified: against trustgate assembled as main assembles it, on a loopback
 * port, over H2, with WhatsApp in dry-run. Credentials go in through the client's own request interceptor.
 */
class GeneratedClientSeedTest {

    private static final String PNID = "106540352242922";
    private static final String CUSTOMER = "16505551234";
    private static final String ADMIN_KEY = "tg_generated_client_admin_key_0123456789";
    private static final String APP_SECRET = "generated-client-app-secret";
    private static final String NEW = "Qm9vbXNoYWthbGFrYQ==";

    private TrustgateServer server;
    private DefaultApi admin;
    private DefaultApi crm;
    private DefaultApi whatsApp;

    @BeforeEach
    void start(@TempDir Path data) throws ApiException {
        server = TrustgateServer.start(Config.load(Map.of(
                "TRUSTGATE_HOST", "127.0.0.1",
                "TRUSTGATE_PORT", "0",
                "TRUSTGATE_DB_URL", "jdbc:h2:file:" + data.resolve("trustgate"),
                "TRUSTGATE_ADMIN_KEY", ADMIN_KEY,
                "WHATSAPP_APP_SECRET", APP_SECRET,
                "WHATSAPP_VERIFY_TOKEN", "verify"), Optional.empty()));
        admin = api(ADMIN_KEY);
        crm = api(admin.createApiKey(new NewApiKey().name("crm").phoneNumberIds(List.of(PNID))).getKey());
        whatsApp = signedBy(APP_SECRET);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void optInChangeBreakTrustReauthenticateAcknowledgeAndSendAgain() throws Exception {
        // 1. the business opts in
        assertThat(admin.setIdentityChecks(PNID, new IdentityChecksSetting().enabled(true)).getEnabled()).isTrue();
        whatsApp.receiveWhatsAppWebhook(webhook("inbound-text-with-identity-hash.json"));
        assertThat(crm.sendMessage(send(false)).getMessageId()).isNotBlank();

        // 2. WhatsApp reports a potential identity change, in a signed webhook
        assertThat(whatsApp.receiveWhatsAppWebhook(webhook("system-customer-identity-changed.json")).getApplied()).isEqualTo(1);

        // 3. trust is broken: every send is refused until the change is acknowledged
        ContactView changed = crm.getContactTrust(PNID, CUSTOMER);
        assertThat(changed.getState()).isEqualTo(TrustState.IDENTITY_CHANGED);
        assertThat(changed.getSendAllowed()).isFalse();
        assertThat(refusal(() -> crm.sendMessage(send(false)))).isEqualTo("409 identity_change_unacknowledged");
        assertThat(refusal(() -> crm.sendMessage(send(true)))).isEqualTo("409 identity_change_unacknowledged");

        // 4. the business re-authenticates the customer off WhatsApp
        crm.startReauthentication(PNID, CUSTOMER, Map.of());
        String reauthentication = crm.getContactTrust(PNID, CUSTOMER).getReauthentication().getId();
        ContactView reauthenticated = crm.recordReauthenticationResult(PNID, CUSTOMER, reauthentication,
                new ReauthenticationResult().outcome(ReauthenticationResult.OutcomeEnum.SUCCEEDED).method("branch_visit").reference("CASE-9"));
        assertThat(reauthenticated.getReauthentication().getOutcome()).isEqualTo("succeeded");
        assertThat(refusal(() -> crm.sendMessage(send(false)))).as("still blocked until acknowledged")
                .isEqualTo("409 identity_change_unacknowledged");

        // 5. the business acknowledges the change: sends flow again, pinned to the new identity
        ContactView acknowledged = crm.acknowledgeIdentityChange(PNID, CUSTOMER, new Acknowledgement().identityHash(NEW));
        assertThat(acknowledged.getState()).isEqualTo(TrustState.TRUSTED);
        SentMessage sent = crm.sendMessage(send(true));
        assertThat(sent.getPinnedIdentityHash()).isEqualTo(NEW);
    }

    @Test
    void acknowledgingWithoutReauthenticationIsNotTrust() throws Exception {
        admin.setIdentityChecks(PNID, new IdentityChecksSetting().enabled(true));
        whatsApp.receiveWhatsAppWebhook(webhook("inbound-text-with-identity-hash.json"));
        whatsApp.receiveWhatsAppWebhook(webhook("system-customer-identity-changed.json"));

        ContactView acknowledged = crm.acknowledgeIdentityChange(PNID, CUSTOMER, new Acknowledgement().identityHash(NEW));

        assertThat(acknowledged.getTrusted()).isFalse();
        assertThat(crm.sendMessage(send(false)).getMessageId()).isNotBlank();
        assertThat(refusal(() -> crm.sendMessage(send(true)))).isEqualTo("403 not_trusted");
    }

    private interface Call {
        Object call() throws ApiException;
    }

    /** The status and the problem's code a refused call was answered with, read with the client's own model. */
    private static String refusal(Call call) throws IOException {
        ApiException refused = catchThrowableOfType(ApiException.class, call::call);
        assertThat(refused).as("refused").isNotNull();
        Problem problem = new JSON().getMapper().readValue(refused.getResponseBody(), Problem.class);
        return refused.getCode() + " " + problem.getCode().getValue();
    }

    private static SendRequest send(boolean sensitive) {
        return new SendRequest().from(PNID).to(CUSTOMER).sensitive(sensitive)
                .message(Map.of("type", "text", "text", Map.of("body", "Your statement")));
    }

    private static WhatsAppWebhook webhook(String sample) throws IOException {
        return new JSON().getMapper().readValue(WhatsAppSamples.bytes(sample), WhatsAppWebhook.class);
    }

    private DefaultApi api(String key) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + server.port());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + key));
        return new DefaultApi(client);
    }

    /** A client whose requests carry X-Hub-Signature-256 over the very bytes it sends, as Meta signs its webhooks. */
    private DefaultApi signedBy(String appSecret) {
        WebhookSignature signature = new WebhookSignature(appSecret);
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + server.port());
        client.setRequestInterceptor(request -> request.header("X-Hub-Signature-256",
                signature.sign(OpenApiContract.body(request.copy().build()))));
        return new DefaultApi(client);
    }
}
