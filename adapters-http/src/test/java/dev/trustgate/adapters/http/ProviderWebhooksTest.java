package dev.trustgate.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.adapters.http.support.HttpMetrics;
import dev.trustgate.adapters.http.support.HttpSettings;
import dev.trustgate.adapters.http.support.Json;
import dev.trustgate.adapters.http.support.ProviderWebhooks;
import dev.trustgate.adapters.http.support.Route;
import dev.trustgate.application.Caller;
import dev.trustgate.application.fakes.WhatsAppSamples;
import dev.trustgate.application.port.in.OptInToIdentityChecksUseCase;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.TrustState;
import dev.trustgate.domain.WaId;
import dev.trustgate.testkit.FakeInfobip;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The webhooks of providers that sign nothing, over a real socket: taken only at a path with a secret the operator
 * gave, never for another business number than the secret's, and turned into the same identity signals as Meta's.
 */
class ProviderWebhooksTest {

    static final BusinessNumberId BUSINESS = new BusinessNumberId("106540352242922");
    static final BusinessNumberId OTHER = new BusinessNumberId("999000111");
    static final WaId CUSTOMER = new WaId("16505551234");
    static final IdentityHash OLD = new IdentityHash("DF2lS5v2W6x=");
    static final IdentityHash NEW = new IdentityHash("Qm9vbXNoYWthbGFrYQ==");
    static final String SECRET = "d360_secret_of_the_first_number_0123456789";
    static final String OTHER_SECRET = "d360_secret_of_the_other_number_0123456789";
    static final String INFOBIP_SECRET = "infobip_account_secret_0123456789abcdef";

    private RunningServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private void optIn(BusinessNumberId business) {
        server.services.optIn.setIdentityChecks(new OptInToIdentityChecksUseCase.Command(Caller.admin(new Actor("admin")), business,
                true));
    }

    private HttpResponse<String> post(String path, byte[] body) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private long events(BusinessNumberId business) {
        return server.core.events.read(business, 0, 1000).size();
    }

    /** The provider's webhook route with a tripwire for its handler: only its declared access stands in front of it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void onlyThePathsSecretWithinTheSizeLimitReachesTheHandler(ProviderWebhooks webhooks, String secret) {
        server = new RunningServer(webhooks);
        HttpSettings settings = RunningServer.settings(HttpSettings.DEFAULT_IDLE_TIMEOUT, Optional.empty()).withWebhooks(webhooks);
        List<Route> tripwires = TrustgateHttpServer.routes(RunningServer.useCases(server.core), settings, () -> true, Instant::now,
                        Json.mapper(), new HttpMetrics(() -> HttpMetrics.Backlog.EMPTY)).stream()
                .filter(r -> r.access() == Route.Access.PROVIDER_WEBHOOK_SECRET)
                .map(r -> new Route(r.method(), r.path(), r.access(), r.summary(), ctx -> ctx.result("reached")))
                .toList();
        assertThat(tripwires).hasSize(1);
        Javalin tripwired = TrustgateHttpServer.serve(tripwires, server.services.authenticate, settings, Json.mapper(),
                new HttpMetrics(() -> HttpMetrics.Backlog.EMPTY)).start("127.0.0.1", 0);
        try {
            String path = tripwires.get(0).path();
            // the tripwire's answer is the test's own, not one the OpenAPI document describes
            Function<String, HttpResponse<String>> post = (s) -> server.sendUnchecked(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + tripwired.port() + path.replace("{secret}", s)))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

            assertThat(post.apply(secret).body()).isEqualTo("reached");
            for (String wrong : List.of(secret.substring(1), secret + "0", "x".repeat(secret.length()), secret.toUpperCase())) {
                HttpResponse<String> refused = post.apply(wrong);
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(refused.body()).doesNotContain("reached");
            }
            RunningServer.RawAnswer tooLarge = RunningServer.declaringBody(tripwired.port(), "POST", path.replace("{secret}", secret),
                    Map.of("Content-Type", "application/json"), 65 * 1024 + 2);
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.body()).doesNotContain("reached").contains("payload_too_large");
        } finally {
            tripwired.stop();
        }
    }

    static Stream<Arguments> providers() {
        return Stream.of(Arguments.of(new ProviderWebhooks.Dialog360(Map.of(BUSINESS, SECRET, OTHER, OTHER_SECRET)), OTHER_SECRET),
                Arguments.of(new ProviderWebhooks.Infobip(INFOBIP_SECRET), INFOBIP_SECRET));
    }

    @Nested
    class ThreeSixtyDialog {

        ThreeSixtyDialog() {
            server = new RunningServer(new ProviderWebhooks.Dialog360(Map.of(BUSINESS, SECRET, OTHER, OTHER_SECRET)));
            optIn(BUSINESS);
        }

        private HttpResponse<String> deliver(String secret, String sample) {
            return post("/webhooks/360dialog/" + secret, WhatsAppSamples.bytes(sample));
        }

        @Test
        void aCloudApiWebhookAtItsNumbersSecretPathBaselinesThenBlocks() {
            assertThat(deliver(SECRET, "inbound-text-with-identity-hash.json").statusCode()).isEqualTo(200);
            assertThat(server.contact(BUSINESS, CUSTOMER).orElseThrow().identityHash()).contains(OLD);

            assertThat(deliver(SECRET, "system-customer-identity-changed.json").statusCode()).isEqualTo(200);

            assertThat(server.contact(BUSINESS, CUSTOMER)).hasValueSatisfying(c -> {
                assertThat(c.state()).isEqualTo(TrustState.IDENTITY_CHANGED);
                assertThat(c.pendingChange().orElseThrow().hash()).contains(NEW);
            });
            assertThat(server.core.events.read(BUSINESS, 0, 100)).extracting(RecordedEvent::type)
                    .containsExactly("identity.baseline", "identity.changed", "trust.broken");
        }

        @Test
        void aRedeliveryIsAcknowledgedWithoutASecondEffect() {
            deliver(SECRET, "inbound-text-with-identity-hash.json");
            deliver(SECRET, "system-customer-identity-changed.json");
            long before = events(BUSINESS);

            HttpResponse<String> again = deliver(SECRET, "system-customer-identity-changed.json");

            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(server.json(again).path("duplicates").asInt()).isPositive();
            assertThat(events(BUSINESS)).isEqualTo(before);
        }

        @Test
        void aPathWithAnUnknownSecretIsRefusedAndChangesNothing() {
            HttpResponse<String> response = deliver("not_a_secret_this_trustgate_was_given_000", "inbound-text-with-identity-hash.json");

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("application/problem+json"));
            assertThat(server.contact(BUSINESS, CUSTOMER)).isEmpty();
        }

        @Test
        void anotherNumbersSecretCannotCarryThisNumbersWebhook() {
            HttpResponse<String> response = deliver(OTHER_SECRET, "inbound-text-with-identity-hash.json");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(server.json(response).path("detail").asText()).contains("names another");
            assertThat(server.contact(BUSINESS, CUSTOMER)).isEmpty();
            assertThat(server.contact(OTHER, CUSTOMER)).isEmpty();
            assertThat(events(BUSINESS) + events(OTHER)).isZero();
        }

        @Test
        void metasSignedDoorIsClosedAndSaysWhereTheWebhooksGo() {
            HttpResponse<String> response = server.signedWebhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(server.json(response).path("detail").asText()).contains("360dialog").contains("/webhooks/360dialog/<secret>");
            assertThat(server.contact(BUSINESS, CUSTOMER)).isEmpty();
        }

        @Test
        void aWebhookThatIsNotJsonIsABadRequest() {
            HttpResponse<String> response = post("/webhooks/360dialog/" + SECRET, "not json".getBytes());

            assertThat(response.statusCode()).isEqualTo(400);
        }
    }

    @Nested
    class Infobip {

        private static final Instant EARLIER = Instant.parse("2026-06-01T10:00:00Z");
        private static final Instant LATER = Instant.parse("2026-06-01T11:00:00Z");

        Infobip() {
            server = new RunningServer(new ProviderWebhooks.Infobip(INFOBIP_SECRET));
            optIn(BUSINESS);
        }

        private HttpResponse<String> deliver(String messageId, Instant at, Optional<IdentityHash> hash, boolean acknowledged) {
            return post("/webhooks/infobip/" + INFOBIP_SECRET, FakeInfobip.inboundMessage(BUSINESS.value(), CUSTOMER.value(), messageId,
                    at, hash.map(IdentityHash::value), acknowledged).getBytes());
        }

        @Test
        void anAcknowledgedIdentityIsTheBaselineAndAnUnacknowledgedNewOneBlocks() {
            assertThat(deliver("ib-1", EARLIER, Optional.of(OLD), true).statusCode()).isEqualTo(200);
            assertThat(server.contact(BUSINESS, CUSTOMER)).hasValueSatisfying(c -> {
                assertThat(c.state()).isEqualTo(TrustState.UNVERIFIED);
                assertThat(c.identityHash()).contains(OLD);
            });

            assertThat(deliver("ib-2", LATER, Optional.of(NEW), false).statusCode()).isEqualTo(200);

            assertThat(server.contact(BUSINESS, CUSTOMER)).hasValueSatisfying(c -> {
                assertThat(c.state()).isEqualTo(TrustState.IDENTITY_CHANGED);
                assertThat(c.pendingChange().orElseThrow().hash()).contains(NEW);
            });
        }

        @Test
        void aFirstIdentityInfobipHoldsUnacknowledgedBlocksAsInfobipDoes() {
            deliver("ib-1", EARLIER, Optional.of(NEW), false);

            assertThat(server.contact(BUSINESS, CUSTOMER)).hasValueSatisfying(c -> {
                assertThat(c.state()).isEqualTo(TrustState.IDENTITY_CHANGED);
                assertThat(c.pendingChange().orElseThrow().hash()).contains(NEW);
            });
        }

        @Test
        void aMessageWithoutIdentityOnlyNamesItsCustomer() {
            assertThat(deliver("ib-1", EARLIER, Optional.empty(), false).statusCode()).isEqualTo(200);

            assertThat(server.contact(BUSINESS, CUSTOMER)).hasValueSatisfying(c -> {
                assertThat(c.state()).isEqualTo(TrustState.UNVERIFIED);
                assertThat(c.identityHash()).isEmpty();
            });
        }

        @Test
        void aRedeliveredMessageHasNoSecondEffect() {
            deliver("ib-1", EARLIER, Optional.of(OLD), true);
            deliver("ib-2", LATER, Optional.of(NEW), false);
            long before = events(BUSINESS);

            HttpResponse<String> again = deliver("ib-2", LATER, Optional.of(NEW), false);

            assertThat(server.json(again).path("duplicates").asInt()).isEqualTo(1);
            assertThat(events(BUSINESS)).isEqualTo(before);
        }

        @Test
        void aPathWithAnotherSecretIsRefusedAndChangesNothing() {
            HttpResponse<String> response = post("/webhooks/infobip/" + INFOBIP_SECRET.replace('0', '1'),
                    FakeInfobip.inboundMessage(BUSINESS.value(), CUSTOMER.value(), "ib-1", EARLIER, Optional.of(NEW.value()), false)
                            .getBytes());

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(server.contact(BUSINESS, CUSTOMER)).isEmpty();
        }

        @Test
        void aDeliveryReportNamesNoSenderAndIsSkipped() {
            String report = "{\"results\":[{\"bulkId\":\"b-1\",\"messageId\":\"m-1\",\"to\":\"16505551234\","
                    + "\"sentAt\":\"2026-06-01T10:00:00.000+0000\",\"doneAt\":\"2026-06-01T10:00:01.000+0000\",\"messageCount\":1,"
                    + "\"status\":{\"groupId\":3,\"groupName\":\"DELIVERED\",\"id\":5,\"name\":\"DELIVERED_TO_HANDSET\"}}]}";

            HttpResponse<String> response = post("/webhooks/infobip/" + INFOBIP_SECRET, report.getBytes());

            assertThat(server.json(response).path("skipped").asInt()).isEqualTo(1);
            assertThat(server.contact(new BusinessNumberId("16505551234"), CUSTOMER)).isEmpty();
        }

        @Test
        void aResultOfAnotherChannelOrWithoutNumbersIsSkippedAndCounted() {
            String body = "{\"results\":[{\"from\":\"16505551234\",\"to\":\"106540352242922\",\"integrationType\":\"VIBER\","
                    + "\"messageId\":\"v-1\",\"message\":{\"type\":\"TEXT\",\"text\":\"hi\"}},{\"from\":\"Frank\",\"to\":\"106540352242922\","
                    + "\"integrationType\":\"WHATSAPP\",\"messageId\":\"w-1\",\"message\":{\"type\":\"TEXT\",\"text\":\"hi\"}}]}";

            HttpResponse<String> response = post("/webhooks/infobip/" + INFOBIP_SECRET, body.getBytes());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(server.json(response).path("skipped").asInt()).isEqualTo(2);
            assertThat(server.contact(BUSINESS, CUSTOMER)).isEmpty();
        }
    }
}
