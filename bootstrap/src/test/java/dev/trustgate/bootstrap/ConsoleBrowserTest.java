package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustgate.application.fakes.WhatsAppSamples;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;

/**
 * The operator console in a real browser (Debian's headless Chromium) against the assembled server: the
 * seed's five steps done through the page, four-eyes with two operators, deliveries, the audit chain,
 * tenant isolation and phone width. Screenshots of each state land in {@link Browser#SCREENSHOTS}.
 */
class ConsoleBrowserTest {

    private static final String PNID = "106540352242922";
    private static final String OTHER_PNID = "200000000000001";
    private static final String WA_ID = "16505551234";
    private static final String CONTACT = "/v1/businesses/" + PNID + "/contacts/" + WA_ID;
    private static final String ADMIN_KEY = "tg_console_admin_key_0123456789abcdef";
    private static final String SECRET = "console-app-secret";
    private static final String NEW = "Qm9vbXNoYWthbGFrYQ==";

    private final FakeGraph graph = new FakeGraph();
    private final FakeCrm crm = new FakeCrm();
    private final String dbUrl = "jdbc:h2:mem:console-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private LocalServer server;
    private Browser browser;

    /** A failed test leaves a screenshot and the page's HTML behind, named after it. */
    @RegisterExtension
    final AfterTestExecutionCallback evidence = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            browser.keepEvidence("failed-" + context.getRequiredTestMethod().getName());
        }
    };

    @BeforeEach
    void start(@TempDir Path profile) {
        server = LocalServer.start(LocalServer.env(dbUrl, graph.url(), ADMIN_KEY, SECRET));
        browser = new Browser(profile);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        server.close();
        graph.close();
        crm.close();
    }

    // ------------------------------------------------------------------ the seed's five steps

    @Test
    void anOperatorWalksTheFiveStepsThroughThePage() throws Exception {
        // 1. the business opts in (admin, over the API) and demands a re-authentication before acknowledging
        optIn(PNID, "REAUTHENTICATION_REQUIRED");
        String support = apiKey("support", PNID);
        webhook("inbound-text-with-identity-hash.json");

        signIn(support, null);
        browser.find("#nobody-blocked");
        browser.screenshot("console-1-nobody-blocked");

        // 2. WhatsApp reports an identity change; a message to the customer is held. The list updates itself.
        webhook("system-customer-identity-changed.json");
        assertThat(heldSend().statusCode()).isEqualTo(202);
        String row = "#blocked-contacts tr[data-wa-id='" + WA_ID + "']";
        browser.waitForText(row, "Identity changed; not re-authenticated");
        browser.waitForText(row + " .held-count", "1");
        browser.screenshot("console-2-blocked-now");

        browser.find(row + " a").click();
        browser.waitForText("#state-summary", "Blocked: identity changed just now; not re-authenticated");
        assertThat(browser.find("#send-allowed").getText()).isEqualTo("blocked");
        assertThat(browser.find("#held-count").getText()).isEqualTo("1");
        assertThat(browser.find("#timeline").getText()).contains("Identity changed: messages blocked");
        assertThat(browser.present("#start-reauthentication")).isTrue();
        assertThat(browser.present("#acknowledge")).as("policy needs a re-authentication first").isFalse();
        assertThat(browser.find("#acknowledgement-unavailable").getText()).contains("REAUTHENTICATION_REQUIRED");
        assertThat(browser.present("#record-result")).isFalse();
        assertThat(offered()).as("what the server allows, and nothing else").isEqualTo(allowed(support))
                .containsExactly("start_reauthentication", "revoke_trust");
        browser.screenshot("console-3-identity-changed");

        // 3. the operator breaks trust
        browser.type("#break-reason", "identity change reported; WhatsApp unlinked in the CRM");
        browser.find("#break-trust button[type=submit]").click();
        browser.waitForText("#timeline", "Trust broken by the business");
        assertThat(browser.find("#state-summary").getText()).startsWith("Blocked:");

        // 4. re-authenticates the customer off WhatsApp
        browser.find("#start-reauthentication button[type=submit]").click();
        browser.waitForText("#state-summary", "re-authentication in progress");
        assertThat(browser.present("#start-reauthentication")).isFalse();
        assertThat(browser.present("#cancel-reauthentication")).isTrue();
        assertThat(offered()).as("trust can be broken in every state, a re-authentication running too").isEqualTo(allowed(support))
                .containsExactly("cancel_reauthentication", "record_reauthentication_result", "revoke_trust");
        browser.type("#reauth-method", "branch_visit");
        browser.type("#reauth-reference", "CASE-42");
        browser.screenshot("console-4-reauthenticating");
        browser.find("#record-result button[type=submit]").sendKeys(Keys.ENTER);
        browser.waitForText("#state-summary", "re-authenticated, waiting for acknowledgement");
        assertThat(browser.find("#timeline").getText()).contains("Re-authentication passed");
        assertThat(state()).isEqualTo("RE_AUTHENTICATING");
        assertThat(graph.forwarded()).as("still blocked until acknowledged").isEmpty();
        assertThat(offered()).isEqualTo(allowed(support))
                .containsExactly("cancel_reauthentication", "acknowledge_identity_change", "revoke_trust");
        browser.screenshot("console-5-reauthenticated");

        // 5. acknowledges: re-authenticated and acknowledged, the customer is trusted with the new identity;
        //    the held message is released and leaves pinned to that identity
        browser.type("#ack-operator", "Dana");
        browser.type("#ack-evidence", "branch visit CASE-42");
        browser.find("#acknowledge button[type=submit]").click();
        browser.waitForText("#state-summary", "Trusted: messages and sensitive content allowed");
        assertThat(browser.find("#send-allowed").getText()).isEqualTo("allowed");
        assertThat(state()).isEqualTo("TRUSTED");
        assertThat(browser.present("#acknowledge")).isFalse();
        assertThat(browser.present("#break-trust")).isTrue();
        assertThat(offered()).isEqualTo(allowed(support)).containsExactly("record_authentication", "revoke_trust");
        browser.screenshot("console-6-acknowledged-with-held-message");
        browser.find("#held-messages button[aria-label^='Release']").click();
        browser.find("#no-held-messages");
        assertThat(graph.forwarded()).singleElement().satisfies(f -> assertThat(f.pin()).contains(NEW));
        assertThat(browser.find("#timeline").getText()).contains("Identity change acknowledged: messages allowed",
                "Held message released");
    }

    @Test
    void fourEyesNeedsASecondOperatorWithAnotherKey() throws Exception {
        optIn(PNID, "FOUR_EYES");
        String alice = apiKey("alice", PNID);
        String bob = apiKey("bob", PNID);
        webhook("inbound-text-with-identity-hash.json");
        webhook("system-customer-identity-changed.json");
        String reauthentication = body(call("POST", CONTACT + "/reauthentications", alice, "{}")).get("id").asText();
        call("POST", CONTACT + "/reauthentications/" + reauthentication + "/result", alice, "{\"outcome\":\"succeeded\"}");

        signIn(alice, null);
        browser.find("#blocked-contacts"); // signed in and the list shown: the sign-in's own navigation is over
        browser.open(console() + "#/contact/" + PNID + "/" + WA_ID);
        browser.waitForText("#acknowledge h3", "first of two operators");
        browser.find("#acknowledge button[type=submit]").click();
        browser.waitForText("#awaiting-second-operator", "an operator with another API key must confirm");
        assertThat(browser.present("#acknowledge")).as("the first operator is not offered a second go").isFalse();
        assertThat(offered()).isEqualTo(allowed(alice)).doesNotContain("acknowledge_identity_change");
        assertThat(allowed(bob)).as("the second operator is").contains("acknowledge_identity_change");
        assertThat(state()).isEqualTo("RE_AUTHENTICATING");
        browser.screenshot("console-7-four-eyes-waiting");

        browser.find("#sign-out").click();
        signIn(bob, null);
        browser.find("#blocked-contacts");
        browser.open(console() + "#/contact/" + PNID + "/" + WA_ID);
        browser.waitForText("#acknowledge h3", "second operator");
        browser.find("#acknowledge button[type=submit]").click();
        browser.waitForText("#state-summary", "Trusted");
        assertThat(state()).isEqualTo("TRUSTED");
    }

    @Test
    void thePageOffersTheActionsTheServerAllowsAndNothingElse() throws Exception {
        optIn(PNID, "NONE");
        String support = apiKey("support", PNID);
        webhook("inbound-text-with-identity-hash.json");
        signIn(support, null);
        browser.find("#nobody-blocked");
        String contact = "#/contact/" + PNID + "/" + WA_ID;
        browser.open(console() + contact);
        browser.waitForText("#state-summary", "Not verified");
        assertThat(offered()).isEqualTo(allowed(support)).containsExactly("record_authentication", "revoke_trust");

        // the same contact, the same state, but the server's answer says otherwise: the page follows the answer
        browser.script("""
                const original = window.fetch;
                window.fetch = async (resource, options) => {
                  const response = await original(resource, options);
                  if (!/\\/contacts\\/[^/?]+$/.test(String(resource))) return response;
                  const view = await response.json();
                  view.allowedActions = ['start_reauthentication'];
                  return new Response(JSON.stringify(view), { status: response.status, headers: response.headers });
                };""");
        browser.script("location.hash = '#/blocked'");
        browser.find("#nobody-blocked");
        browser.script("location.hash = arguments[0]", contact);
        browser.waitForText("#state-summary", "Not verified");
        browser.find("#start-reauthentication");
        assertThat(offered()).as("nothing the answer leaves out, though the state would allow it")
                .containsExactly("start_reauthentication");
        assertThat(browser.present("#break-trust")).isFalse();
        assertThat(browser.present("#record-authentication")).isFalse();
    }

    // ------------------------------------------------------------------ deliveries and audit

    @Test
    void parkedDeliveriesShowTheirErrorAndTheAuditShowsWhereTheChainBreaks() throws Exception {
        optIn(PNID, "NONE");
        String support = apiKey("support", PNID);
        HttpResponse<String> subscription = call("POST", "/v1/subscriptions", support, "{\"url\":\"" + crm.url() + "\"}");
        crm.useSecret(body(subscription).get("secret").asText());
        crm.setGone(true);
        webhook("inbound-text-with-identity-hash.json");
        webhook("system-customer-identity-changed.json");
        await().atMost(Duration.ofSeconds(10)).until(() -> body(call("GET", "/v1/deliveries/parked", support, null))
                .get("parked").size() > 0);

        signIn(support, null);
        browser.open(console() + "#/deliveries");
        browser.waitForText("#parked .last-error", "410 Gone");
        assertThat(browser.find("#subscriptions").getText()).contains(crm.url(), "no (the endpoint answered 410 Gone)");
        browser.screenshot("console-8-deliveries");
        // the first is redelivered (it leaves the parked list for the outbox again), the others discarded
        int total = browser.all("#parked tbody tr").size();
        for (int left = total; left > 0; left--) {
            String action = left == total ? "Redeliver" : "Discard";
            browser.find("#parked button[aria-label^='" + action + "']").click();
            browser.waitForText("#status", action.equals("Redeliver") ? "Queued for delivery again." : "Parked notification discarded.");
            if (left > 1) {
                int expected = left - 1;
                await().atMost(Duration.ofSeconds(10)).until(() -> browser.all("#parked tbody tr").size() == expected);
            }
        }
        browser.find("#nothing-parked");
        assertThat(body(call("GET", "/v1/deliveries/parked", support, null)).get("parked")).isEmpty();

        browser.open(console() + "#/audit");
        browser.waitForText("#audit-results", "chain intact");
        try (Connection db = DriverManager.getConnection(dbUrl)) {
            db.createStatement().executeUpdate("UPDATE events SET actor = 'someone-else' WHERE phone_number_id = '" + PNID
                    + "' AND sequence = 2");
        }
        browser.driver.navigate().refresh();
        browser.waitForText("#audit-results", "chain broken at event #2");
        assertThat(browser.find("#audit-results").getText()).contains("chain broken at event #2: it was changed after it was recorded");
        browser.screenshot("console-9-audit-broken");

        // the edited event and every later one deleted: what is left verifies, but ends before the head
        try (Connection db = DriverManager.getConnection(dbUrl)) {
            db.createStatement().executeUpdate("DELETE FROM events WHERE phone_number_id = '" + PNID + "' AND sequence >= 2");
        }
        browser.driver.navigate().refresh();
        browser.waitForText("#audit-results", "chain broken at event #2: the chain ends before its head");
        assertThat(browser.find("#audit-results [data-problem]").getAttribute("data-problem")).isEqualTo("truncated");
    }

    // ------------------------------------------------------------------ isolation, phone width, accessibility

    @Test
    void aKeyOfAnotherBusinessSeesNothingOfThisOne() throws Exception {
        optIn(PNID, "NONE");
        apiKey("support", PNID);
        String stranger = apiKey("stranger", OTHER_PNID);
        webhook("inbound-text-with-identity-hash.json");
        webhook("system-customer-identity-changed.json");

        signIn(stranger, null);
        browser.find("#nobody-blocked");
        assertThat(browser.driver.getPageSource()).doesNotContain(WA_ID);
        browser.open(console() + "#/contact/" + PNID + "/" + WA_ID);
        browser.waitForText("main [role=alert]", "not found");
        assertThat(browser.present("#state-summary")).isFalse();
        assertThat(browser.present("#timeline")).isFalse();
    }

    @Test
    void aUsernameCustomerIsShownByTheNamesWhatsAppGivesAndFoundByAnyOfThem() throws Exception {
        optIn(PNID, "NONE");
        String support = apiKey("support", PNID);
        webhook("names/inbound-text-username-user-with-identity-hash.json");
        byte[] changed = WhatsAppSamples.text("names/inbound-text-username-user-with-identity-hash.json")
                .replace("DF2lS5v2W6x=", NEW).replace("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", "wamid.changed")
                .replaceAll("\"timestamp\": \"[0-9]+\"", "\"timestamp\": \"" + (Instant.now().getEpochSecond() + 1) + "\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(server.webhook(changed).statusCode()).isEqualTo(200);

        signIn(support, null);
        String row = "#blocked-contacts tr[data-user-id='US.13491208655302741918']";
        browser.waitForText(row, "US.13491208655302741918");
        browser.find(row + " a").click();
        browser.waitForText("#state-summary", "Blocked:");
        assertThat(browser.find("#names").getText()).contains("US.13491208655302741918").contains("US.ENT.11815799212886844830");

        browser.open(console() + "#/blocked");
        browser.type("#find-customer", "US.ENT.11815799212886844830");
        browser.find("#find button[type=submit]").click();
        browser.waitForText("#state-summary", "Blocked:");
        assertThat(browser.find("h1").getText()).contains("US.13491208655302741918");
    }

    @Test
    void theAdminKeyMustNameTheNumbersItWatches() throws Exception {
        optIn(PNID, "NONE");
        webhook("inbound-text-with-identity-hash.json");
        webhook("system-customer-identity-changed.json");

        signIn(ADMIN_KEY, null);
        browser.waitForText("#sign-in-error", "name the phone number IDs to watch");
        browser.type("#phone-number-ids", PNID + ", " + OTHER_PNID);
        browser.find("#sign-in button[type=submit]").click();
        browser.find("#blocked-contacts tr[data-wa-id='" + WA_ID + "']");
    }

    @Test
    void aWrongKeyIsRefusedAndSigningOutForgetsTheKey() throws Exception {
        signIn("tg_not_a_key_of_this_server", null);
        browser.waitForText("#sign-in-error", "did not accept this key");
        assertThat(browser.script("return sessionStorage.getItem('trustgate.apiKey')")).isNull();

        signIn(apiKey("support", PNID), null);
        browser.find("#nobody-blocked");
        assertThat(browser.script("return localStorage.length")).as("nothing kept beyond the tab").isEqualTo(0L);
        browser.find("#sign-out").click();
        browser.find("#sign-in");
        assertThat(browser.script("return sessionStorage.getItem('trustgate.apiKey')")).isNull();
    }

    @Test
    void atPhoneWidthNothingOverflowsEveryFieldIsLabelledAndNothingLoadsFromElsewhere() throws Exception {
        optIn(PNID, "NONE");
        String support = apiKey("support", PNID);
        webhook("inbound-text-with-identity-hash.json");
        webhook("system-customer-identity-changed.json");
        browser.resize(390, 844);

        signIn(support, null);
        browser.find("#blocked-contacts tr[data-wa-id='" + WA_ID + "'] a").click();
        browser.find("#acknowledge");
        assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
        assertThat(unlabelledControls()).isEmpty();
        browser.screenshot("console-10-phone-width");

        // keyboard only: tab to the acknowledgement's name field, type, submit with Enter
        browser.find("#ack-operator").sendKeys("Kim");
        browser.find("#ack-operator").sendKeys(Keys.TAB);
        assertThat(browser.script("return document.activeElement.id")).isEqualTo("ack-evidence");
        browser.driver.switchTo().activeElement().sendKeys("call-back", Keys.ENTER);
        // acknowledged without a re-authentication: messages flow, trust does not
        browser.waitForText("#state-summary", "Messages allowed: change acknowledged");
        assertThat(browser.find("#state-summary").getText()).contains("not trusted with sensitive content");
        assertThat(browser.present("#record-authentication")).isTrue();
        browser.screenshot("console-11-acknowledged-not-trusted");

        String origin = "http://127.0.0.1:" + server.port() + "/";
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) browser.script(
                "return performance.getEntriesByType('resource').map(e => e.name)");
        assertThat(loaded).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(origin));
        HttpResponse<String> page = call("GET", "/console/", null, null);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'", "connect-src 'self'", "frame-ancestors 'none'"));
    }

    // ------------------------------------------------------------------ helpers

    private String console() {
        return "http://127.0.0.1:" + server.port() + "/console/";
    }

    private void signIn(String key, String numbers) {
        browser.open(console() + "#/sign-in");
        browser.type("#api-key", key);
        if (numbers != null) {
            browser.type("#phone-number-ids", numbers);
        }
        browser.find("#api-key").sendKeys(Keys.ENTER);
    }

    @SuppressWarnings("unchecked")
    private List<String> unlabelledControls() {
        return (List<String>) browser.script("""
                return [...document.querySelectorAll('input, select, textarea, button')]
                  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
                  .map(e => e.outerHTML);""");
    }

    private void optIn(String pnid, String policy) throws Exception {
        assertThat(call("PUT", "/v1/businesses/" + pnid + "/identity-checks", ADMIN_KEY, "{\"enabled\":true}").statusCode())
                .isEqualTo(200);
        assertThat(call("PUT", "/v1/businesses/" + pnid + "/acknowledgement-policy", ADMIN_KEY,
                "{\"policy\":\"" + policy + "\"}").statusCode()).isEqualTo(200);
    }

    private String apiKey(String name, String pnid) {
        return server.apiKey(name, pnid);
    }

    /** The actions the page offers for the contact shown, by their codes, in the order shown. */
    @SuppressWarnings("unchecked")
    private List<String> offered() {
        return (List<String>) browser.script("return [...document.querySelectorAll('form[data-action]')].map(f => f.dataset.action)");
    }

    /** The actions the server allows {@code key} for the contact now. */
    private List<String> allowed(String key) {
        List<String> actions = new java.util.ArrayList<>();
        body(call("GET", CONTACT, key, null)).get("allowedActions").forEach(a -> actions.add(a.asText()));
        return actions;
    }

    private String state() throws Exception {
        return body(call("GET", CONTACT, ADMIN_KEY, null)).get("state").asText();
    }

    private HttpResponse<String> heldSend() throws Exception {
        return call("POST", "/v1/messages", ADMIN_KEY, "{\"from\":\"" + PNID + "\",\"to\":\"" + WA_ID + "\",\"onBlocked\":\"hold\","
                + "\"message\":{\"type\":\"text\",\"text\":{\"body\":\"Your card was dispatched\"}}}");
    }

    /** Posts a sample as WhatsApp would now: signed, with its timestamp moved to the present. */
    private void webhook(String sample) {
        byte[] body = WhatsAppSamples.text(sample).replaceAll("\"timestamp\": \"[0-9]+\"",
                "\"timestamp\": \"" + Instant.now().getEpochSecond() + "\"").getBytes(StandardCharsets.UTF_8);
        assertThat(server.webhook(body).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> call(String method, String path, String apiKey, String body) {
        return server.call(method, path, apiKey, body);
    }

    private JsonNode body(HttpResponse<String> response) {
        return server.json(response);
    }
}
