package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustgate.application.fakes.WhatsAppSamples;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's five steps against the assembled server on its embedded default (H2 file), live against a
 * fake Graph API, with a CRM that verifies every notification's signature.
 */
class FiveStepsEndToEndTest {

    private static final String PNID = "106540352242922";
    private static final String CONTACT = "/v1/businesses/" + PNID + "/contacts/16505551234";
    private static final String ADMIN_KEY = "tg_five_steps_admin_key_0123456789";
    private static final String SECRET = "five-steps-app-secret";
    private static final String OLD = "DF2lS5v2W6x=";
    private static final String NEW = "Qm9vbXNoYWthbGFrYQ==";

    private final FakeGraph graph = new FakeGraph();
    private final FakeCrm crm = new FakeCrm();
    private LocalServer server;
    private String key;

    @BeforeEach
    void start(@TempDir Path data) {
        server = LocalServer.start(LocalServer.env("jdbc:h2:file:" + data.resolve("trustgate"), graph.url(), ADMIN_KEY, SECRET));
        key = server.apiKey("crm", PNID);
    }

    @AfterEach
    void stop() {
        server.close();
        graph.close();
        crm.close();
    }

    private HttpResponse<String> call(String method, String path, String apiKey, String body) {
        return server.call(method, path, apiKey, body);
    }

    private JsonNode body(HttpResponse<String> response) {
        return server.json(response);
    }

    private void webhook(String sample) {
        assertThat(server.webhook(WhatsAppSamples.bytes(sample)).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> nativeSend(boolean sensitive) throws Exception {
        return call("POST", "/v1/messages", key, "{\"from\":\"" + PNID + "\",\"to\":\"16505551234\",\"sensitive\":" + sensitive
                + ",\"message\":{\"type\":\"text\",\"text\":{\"body\":\"Your statement\"}}}");
    }

    private HttpResponse<String> dropInSend() {
        return call("POST", "/v25.0/" + PNID + "/messages", key, WhatsAppSamples.text("send-request-pinned.json"));
    }

    private List<String> crmTypes() {
        return crm.received().stream().map(FakeCrm.Received::type).toList();
    }

    @Test
    void optInChangeBreakTrustReauthenticateAcknowledgeAndSendAgain() throws Exception {
        // 1. the business opts in, and its CRM subscribes
        assertThat(call("PUT", "/v1/businesses/" + PNID + "/identity-checks", ADMIN_KEY, "{\"enabled\":true}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> subscription = call("POST", "/v1/subscriptions", key, "{\"url\":\"" + crm.url() + "\"}");
        crm.useSecret(body(subscription).get("secret").asText());
        webhook("inbound-text-with-identity-hash.json");
        assertThat(nativeSend(false).statusCode()).isEqualTo(200);

        // 2. WhatsApp reports a potential identity change
        webhook("system-customer-identity-changed.json");

        // 3. trust is broken: the CRM hears of it and every send is refused
        await().atMost(Duration.ofSeconds(10)).until(() -> crmTypes().contains("trust.broken"));
        assertThat(body(call("GET", CONTACT, key, null)).get("state").asText()).isEqualTo("IDENTITY_CHANGED");
        assertThat(nativeSend(false).statusCode()).isEqualTo(409);
        assertThat(nativeSend(true).statusCode()).isEqualTo(409);
        HttpResponse<String> dropInBlocked = dropInSend();
        assertThat(dropInBlocked.statusCode()).isEqualTo(400);
        assertThat(body(dropInBlocked).get("error").get("code").asInt()).isEqualTo(137000);
        assertThat(graph.forwarded()).hasSize(1);

        // 4. the business re-authenticates the customer off WhatsApp
        String reauthentication = body(call("POST", CONTACT + "/reauthentications", key, "{}")).get("id").asText();
        assertThat(call("POST", CONTACT + "/reauthentications/" + reauthentication + "/result", key,
                "{\"outcome\":\"succeeded\",\"method\":\"branch_visit\",\"reference\":\"CASE-9\"}").statusCode()).isEqualTo(200);
        assertThat(nativeSend(false).statusCode()).as("still blocked until acknowledged").isEqualTo(409);

        // 5. the business acknowledges the change: sends flow again, pinned to the new identity
        assertThat(call("POST", CONTACT + "/acknowledgements", key, "{\"identityHash\":\"" + NEW + "\"}").statusCode())
                .isEqualTo(200);
        assertThat(body(nativeSend(true)).get("pinnedIdentityHash").asText()).isEqualTo(NEW);
        assertThat(dropInSend().statusCode()).isEqualTo(200);
        assertThat(graph.forwarded()).extracting(f -> f.pin().orElseThrow()).containsExactly(OLD, NEW, NEW);

        await().atMost(Duration.ofSeconds(10)).until(() -> crmTypes().contains("trust.established"));
        List<FakeCrm.Received> received = crm.received();
        assertThat(received).extracting(FakeCrm.Received::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(crmTypes()).containsSubsequence("identity.baseline", "identity.changed", "trust.broken",
                "reauthentication.started", "reauthentication.succeeded", "identity.acknowledged", "trust.established");
        assertThat(crm.rejected()).isEmpty();
    }

    @Test
    void acknowledgingWithoutReauthenticationIsNotTrust() throws Exception {
        call("PUT", "/v1/businesses/" + PNID + "/identity-checks", ADMIN_KEY, "{\"enabled\":true}");
        webhook("inbound-text-with-identity-hash.json");
        webhook("system-customer-identity-changed.json");

        assertThat(call("POST", CONTACT + "/acknowledgements", key, "{\"identityHash\":\"" + NEW + "\"}").statusCode())
                .isEqualTo(200);

        assertThat(nativeSend(false).statusCode()).isEqualTo(200);
        HttpResponse<String> sensitive = nativeSend(true);
        assertThat(sensitive.statusCode()).isEqualTo(403);
        assertThat(body(sensitive).get("code").asText()).isEqualTo("not_trusted");
    }

    @Test
    void aCrmThatIsDownGetsEveryEventOnceItIsBackInOrder() throws Exception {
        call("PUT", "/v1/businesses/" + PNID + "/identity-checks", ADMIN_KEY, "{\"enabled\":true}");
        crm.useSecret(body(call("POST", "/v1/subscriptions", key, "{\"url\":\"" + crm.url() + "\"}")).get("secret").asText());
        crm.setDown(true);
        webhook("inbound-text-with-identity-hash.json");
        webhook("system-customer-identity-changed.json");

        crm.setDown(false);

        await().atMost(Duration.ofSeconds(20)).until(() -> crmTypes().size() >= 3);
        assertThat(crmTypes()).containsExactly("identity.baseline", "identity.changed", "trust.broken");
    }
}
