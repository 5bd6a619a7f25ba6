package dev.trustgate.adapters.http.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.adapters.http.RunningServer;
import dev.trustgate.application.fakes.WhatsAppSamples;
import dev.trustgate.application.port.out.SimSwapSubscription;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.TrustState;
import dev.trustgate.domain.WaId;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /signals/camara/sim-swap} over a real socket, with notices in the published shapes of CAMARA SIM Swap
 * Subscriptions (the specification's own SWAPPED and SUBSCRIPTION_ENDS examples, with this test's subscription id and
 * number): authenticated by the sink credential, once per CloudEvent, 204 after the commit, 4xx problems for anything
 * else, with nothing changed.
 */
class SimSwapNoticeIntakeTest {

    private static final String PATH = "/signals/camara/sim-swap";
    private static final String PNID = "106540352242922";
    private static final BusinessNumberId BUSINESS = new BusinessNumberId(PNID);
    private static final WaId CUSTOMER = new WaId("16505551234");

    private RunningServer server;

    @BeforeEach
    void start() {
        server = new RunningServer();
        server.put("/v1/businesses/" + PNID + "/identity-checks", RunningServer.ADMIN_KEY, "{\"enabled\":true}");
        server.signedWebhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));
        server.post("/v1/businesses/" + PNID + "/contacts/16505551234/authentications", RunningServer.ADMIN_KEY, "{}");
        server.core.transactions.inTransaction(() -> {
            server.core.simSwaps.save(new SimSwapSubscription("2ghy-55gg-7iup-yuo9", BUSINESS, CUSTOMER, SimSwapSubscription.Status.ACTIVE,
                    Instant.parse("2023-01-01T00:00:00Z"), Optional.empty(), Optional.empty()));
            return null;
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String swapped(String id, String time) {
        return """
                {"id":"%s","source":"supertelco.notificationSendServer12",
                 "type":"org.camaraproject.sim-swap-subscriptions.v0.swapped","specversion":"1.0",
                 "datacontenttype":"application/json",
                 "data":{"phoneNumber":"+16505551234","subscriptionId":"2ghy-55gg-7iup-yuo9"},
                 "time":"%s"}""".formatted(id, time);
    }

    private HttpResponse<String> notice(String credential, String body) {
        return server.call("POST", PATH, credential, body);
    }

    private TrustState state() {
        return server.contact(BUSINESS, CUSTOMER).orElseThrow().state();
    }

    @Test
    void aSwapNoticeBreaksTheCustomersTrustAndIsAnsweredNoContentAfterTheCommit() {
        assertThat(state()).isEqualTo(TrustState.TRUSTED);
        int commits = server.core.transactions.count();

        HttpResponse<String> response = notice(RunningServer.SINK_CREDENTIAL, swapped("123655", "2026-06-01T11:18:23.682Z"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(server.core.transactions.count()).isGreaterThan(commits);
        assertThat(state()).isEqualTo(TrustState.UNVERIFIED);
        assertThat(server.json(server.get("/v1/businesses/" + PNID + "/events", RunningServer.ADMIN_KEY)).toString())
                .contains("contact.sim_swapped").contains("\"policy\":\"break_trust\"");
    }

    @Test
    void underTheBlockPolicyEverySendStops() {
        HttpResponse<String> policy = server.put("/v1/businesses/" + PNID + "/sim-swap-policy", RunningServer.ADMIN_KEY,
                "{\"policy\":\"BLOCK\"}");
        assertThat(policy.statusCode()).isEqualTo(200);
        assertThat(server.json(policy).get("simSwapPolicy").asText()).isEqualTo("BLOCK");
        assertThat(server.json(policy).get("reauthenticationCheckHours").asInt()).isZero();

        notice(RunningServer.SINK_CREDENTIAL, swapped("123655", "2026-06-01T11:18:23.682Z"));

        assertThat(state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        HttpResponse<String> send = server.post("/v1/messages", RunningServer.ADMIN_KEY, """
                {"from":"106540352242922","to":"16505551234","message":{"messaging_product":"whatsapp","to":"16505551234",
                 "type":"text","text":{"body":"hi"}}}""");
        assertThat(send.statusCode()).isEqualTo(409);
        assertThat(server.json(send).get("code").asText()).isEqualTo("identity_change_unacknowledged");
    }

    @Test
    void aRedeliveredNoticeIsAnsweredWithoutASecondEffect() {
        notice(RunningServer.SINK_CREDENTIAL, swapped("123655", "2026-06-01T11:18:23.682Z"));
        server.post("/v1/businesses/" + PNID + "/contacts/16505551234/authentications", RunningServer.ADMIN_KEY, "{}");

        HttpResponse<String> again = notice(RunningServer.SINK_CREDENTIAL, swapped("123655", "2026-06-01T11:18:23.682Z"));

        assertThat(again.statusCode()).isEqualTo(204);
        assertThat(state()).isEqualTo(TrustState.TRUSTED);
    }

    @Test
    void anOlderNoticeThanTheLastAppliedDoesNotUndoWhatCameAfterIt() {
        notice(RunningServer.SINK_CREDENTIAL, swapped("2", "2026-06-01T11:18:23Z"));
        server.post("/v1/businesses/" + PNID + "/contacts/16505551234/authentications", RunningServer.ADMIN_KEY, "{}");

        assertThat(notice(RunningServer.SINK_CREDENTIAL, swapped("1", "2026-06-01T11:00:00+02:00")).statusCode()).isEqualTo(204);

        assertThat(state()).isEqualTo(TrustState.TRUSTED);
    }

    @Test
    void aLifecycleNoticeIsRecordedNotActedOnAsASwap() {
        String ended = """
                {"id":"123658","source":"supertelco.notificationSendServer12",
                 "type":"org.camaraproject.sim-swap-subscriptions.v0.subscription-ended","specversion":"1.0",
                 "datacontenttype":"application/json",
                 "data":{"phoneNumber":"+16505551234","terminationReason":"SUBSCRIPTION_EXPIRED",
                         "subscriptionId":"2ghy-55gg-7iup-yuo9","terminationDescription":"subscription expire time reached"},
                 "time":"2026-06-01T11:18:23.682Z"}""";

        assertThat(notice(RunningServer.SINK_CREDENTIAL, ended).statusCode()).isEqualTo(204);

        assertThat(state()).isEqualTo(TrustState.TRUSTED);
        SimSwapSubscription subscription = server.core.simSwaps.subscription("2ghy-55gg-7iup-yuo9").orElseThrow();
        assertThat(subscription.status()).isEqualTo(SimSwapSubscription.Status.ENDED);
        assertThat(subscription.statusReason()).contains("SUBSCRIPTION_EXPIRED");
    }

    @Test
    void aNoticeWithoutTheSinkCredentialIsRefusedAndChangesNothing() {
        HttpResponse<String> none = notice(null, swapped("123655", "2026-06-01T11:18:23.682Z"));
        HttpResponse<String> apiKey = notice(RunningServer.ADMIN_KEY, swapped("123655", "2026-06-01T11:18:23.682Z"));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(apiKey.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(state()).isEqualTo(TrustState.TRUSTED);
        assertThat(server.core.simSwaps.notices()).isZero();
    }

    @Test
    void badNoticesAreRefusedWithAProblemSayingWhyAndChangeNothing() {
        String[][] cases = {
                {"not json", "not JSON"},
                {"[]", "JSON object"},
                {swapped("1", "2026-06-01T11:18:23Z").replace("\"specversion\":\"1.0\"", "\"specversion\":\"0.3\""), "specversion"},
                {swapped("1", "2026-06-01T11:18:23Z").replace("v0.swapped", "v0.roaming-on"), "is not a SIM-swap notice"},
                {swapped("1", "2026-06-01T11:18:23"), "time zone"},
                {swapped("1", "+10000-06-01T11:18:23Z"), "time must be an RFC 3339 timestamp"},
                {swapped("1", "-0001-06-01T11:18:23Z"), "time must be an RFC 3339 timestamp"},
                {swapped("", "2026-06-01T11:18:23Z"), "id must be a non-empty string"},
                {swapped("1", "2026-06-01T11:18:23Z").replace("\"subscriptionId\":\"2ghy-55gg-7iup-yuo9\"", "\"x\":1"),
                        "data.subscriptionId is required"},
                {swapped("1", "2026-06-01T11:18:23Z").replace("+16505551234", "16505551234"), "data.phoneNumber"},
                {swapped("1", "2026-06-01T11:18:23Z").replace("+16505551234", "+16505559999"),
                        "data.phoneNumber is not the number SIM-swap subscription 2ghy-55gg-7iup-yuo9 watches"},
                {swapped("1", "2026-06-01T11:18:23Z").replace(",\"source\":\"supertelco.notificationSendServer12\"", ""),
                        "source is required"},
        };
        for (String[] bad : cases) {
            HttpResponse<String> response = notice(RunningServer.SINK_CREDENTIAL, bad[0]);
            assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(server.json(response).get("code").asText()).isEqualTo("invalid_request");
            assertThat(server.json(response).get("detail").asText()).as(bad[0]).contains(bad[1]);
        }
        assertThat(state()).isEqualTo(TrustState.TRUSTED);
        assertThat(server.core.simSwaps.notices()).isZero();
    }

    @Test
    void aNoticeOfASubscriptionTrustgateDoesNotHoldIsNotFoundAndChangesNothing() {
        HttpResponse<String> response = notice(RunningServer.SINK_CREDENTIAL,
                swapped("1", "2026-06-01T11:18:23Z").replace("2ghy-55gg-7iup-yuo9", "someone-elses"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(state()).isEqualTo(TrustState.TRUSTED);
        assertThat(server.core.simSwaps.notices()).isZero();
    }

    @Test
    void aNoticeLargerThanAWebhookMayBeIsRefusedBeforeItIsRead() {
        RunningServer.RawAnswer huge = RunningServer.declaringBody(server.server.port(), "POST", PATH,
                java.util.Map.of("Content-Type", "application/cloudevents+json", "Authorization", "Bearer " + RunningServer.SINK_CREDENTIAL),
                70_000 + swapped("1", "2026-06-01T11:18:23Z").length());

        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.body()).contains("payload_too_large");
        assertThat(server.core.simSwaps.notices()).isZero();
    }

    @Test
    void theSimSwapPolicyMayAskForACheckOfEveryPassedReauthenticationWithinBounds() {
        HttpResponse<String> policy = server.put("/v1/businesses/" + PNID + "/sim-swap-policy", RunningServer.ADMIN_KEY,
                "{\"policy\":\"BREAK_TRUST\",\"reauthenticationCheckHours\":240}");
        HttpResponse<String> tooFar = server.put("/v1/businesses/" + PNID + "/sim-swap-policy", RunningServer.ADMIN_KEY,
                "{\"policy\":\"BLOCK\",\"reauthenticationCheckHours\":2401}");

        assertThat(policy.statusCode()).isEqualTo(200);
        assertThat(server.json(policy).get("simSwapPolicy").asText()).isEqualTo("BREAK_TRUST");
        assertThat(server.json(policy).get("reauthenticationCheckHours").asInt()).isEqualTo(240);
        assertThat(tooFar.statusCode()).isEqualTo(400);
        assertThat(server.json(tooFar).get("detail").asText()).contains("reauthenticationCheckHours");
        assertThat(server.core.businesses.findOrUnknown(BUSINESS).simSwapPolicy()).isEqualTo(dev.trustgate.domain.SimSwapPolicy.BREAK_TRUST);
    }

    @Test
    void aCheckWindowThatIsNotAWholeNumberOfHoursIsRefusedNotRoundedAndChangesNothing() {
        for (String hours : new String[] {"1.5", "\"24\"", "true", "[24]"}) {
            HttpResponse<String> response = server.put("/v1/businesses/" + PNID + "/sim-swap-policy", RunningServer.ADMIN_KEY,
                    "{\"policy\":\"BLOCK\",\"reauthenticationCheckHours\":" + hours + "}");

            assertThat(response.statusCode()).as(hours).isEqualTo(400);
            assertThat(server.json(response).get("detail").asText()).as(hours).contains("reauthenticationCheckHours");
        }
        assertThat(server.core.businesses.findOrUnknown(BUSINESS).simSwapPolicy()).isEqualTo(dev.trustgate.domain.SimSwapPolicy.BREAK_TRUST);
        assertThat(server.core.businesses.findOrUnknown(BUSINESS).simSwapCheckHours()).isZero();
    }
}
