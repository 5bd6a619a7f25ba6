package dev.trustgate.adapters.camara;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.out.SimSwapSubscription;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.WaId;
import dev.trustgate.testkit.FakeCamara;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CAMARA client against a fake operator on a real socket, in the published shapes. */
class CamaraClientTest {

    private static final BusinessNumberId BUSINESS = new BusinessNumberId("106540352242922");
    private static final WaId CUSTOMER = new WaId("5511987654321");
    private static final String SINK_CREDENTIAL = "sink-credential-0123456789abcdefghijklmnop";
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final FakeCamara operator = new FakeCamara("trustgate-client", "client-secret", 3600);
    private final AtomicReference<Instant> clock = new AtomicReference<>(NOW);
    private final CamaraClient client = new CamaraClient(new CamaraSettings(URI.create(operator.url()), URI.create(operator.tokenUrl()),
            "trustgate-client", "client-secret", URI.create("https://trustgate.example/signals/camara/sim-swap"), SINK_CREDENTIAL,
            Duration.ofSeconds(5)), new ObjectMapper(), clock::get);

    @AfterEach
    void stop() {
        operator.close();
    }

    @Test
    void aSubscriptionSendsSwapNoticesOfTheNumberToTheSinkWithTheSinkCredential() {
        SimSwapSubscription made = client.subscribe(BUSINESS, CUSTOMER, NOW.plus(Duration.ofDays(30)));

        JsonNode asked = operator.subscriptions().get(0);
        assertThat(asked.get("protocol").asText()).isEqualTo("HTTP");
        assertThat(asked.get("sink").asText()).isEqualTo("https://trustgate.example/signals/camara/sim-swap");
        assertThat(asked.get("types").get(0).asText()).isEqualTo("org.camaraproject.sim-swap-subscriptions.v0.swapped");
        assertThat(asked.at("/config/subscriptionDetail/phoneNumber").asText()).isEqualTo("+5511987654321");
        assertThat(asked.at("/config/subscriptionExpireTime").asText()).isEqualTo("2026-07-01T12:00:00Z");
        String request = operator.requests().get(0).body();
        assertThat(request).contains("\"credentialType\":\"ACCESSTOKEN\"", "\"accessToken\":\"" + SINK_CREDENTIAL + "\"",
                "\"accessTokenType\":\"bearer\"", "\"accessTokenExpiresUtc\":\"2026-07-01T12:00:00Z\"");
        assertThat(made.id()).isEqualTo(asked.get("id").asText());
        assertThat(made.business()).isEqualTo(BUSINESS);
        assertThat(made.phoneNumber()).isEqualTo(CUSTOMER);
        assertThat(made.status()).isEqualTo(SimSwapSubscription.Status.ACTIVATION_REQUESTED);
        assertThat(made.expiresAt()).contains(NOW.plus(Duration.ofDays(30)));
        assertThat(client.subscriptions()).containsEntry(made.id(), SimSwapSubscription.Status.ACTIVATION_REQUESTED);
    }

    @Test
    void theCheckAsksWhetherTheSimWasSwappedWithinTheHoursGiven() {
        operator.swap("+5511987654321");

        assertThat(client.swappedWithin(CUSTOMER, 240)).isTrue();
        assertThat(client.swappedWithin(new WaId("16505551234"), 240)).isFalse();
        assertThat(operator.requests().get(0).body()).isEqualTo("{\"phoneNumber\":\"+5511987654321\",\"maxAge\":240}");
        assertThat(operator.requests().get(0).path()).isEqualTo("/sim-swap/v2/check");
    }

    @Test
    void oneTokenServesEveryCallUntilItExpires() {
        client.swappedWithin(CUSTOMER, 24);
        client.swappedWithin(CUSTOMER, 24);
        client.subscribe(BUSINESS, CUSTOMER, NOW.plus(Duration.ofDays(1)));
        assertThat(operator.tokensIssued()).isEqualTo(1);
        assertThat(operator.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer camara-token-1"));

        clock.set(NOW.plusSeconds(3600 - 29));
        client.swappedWithin(CUSTOMER, 24);

        assertThat(operator.tokensIssued()).as("renewed shortly before it expires").isEqualTo(2);
    }

    @Test
    void aTokenTheOperatorRefusesIsReplacedOnce() {
        client.swappedWithin(CUSTOMER, 24);
        operator.revokeTokens();

        assertThat(client.swappedWithin(CUSTOMER, 24)).isFalse();
        assertThat(operator.tokensIssued()).isEqualTo(2);
    }

    @Test
    void theOperatorsRefusalIsAnUpstreamErrorNamingItsCode() {
        CamaraClient wrongSecret = new CamaraClient(new CamaraSettings(URI.create(operator.url()), URI.create(operator.tokenUrl()),
                "trustgate-client", "not-the-secret", URI.create("https://trustgate.example/sink"), SINK_CREDENTIAL,
                Duration.ofSeconds(5)), new ObjectMapper());

        assertThatThrownBy(() -> wrongSecret.swappedWithin(CUSTOMER, 24))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR))
                .hasMessageContaining("token endpoint answered 401");
        assertThatThrownBy(() -> client.subscribe(BUSINESS, new WaId("0012345678"), NOW.plusSeconds(60)).id())
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR))
                .hasMessageContaining("answered 400 INVALID_ARGUMENT");
    }

    @Test
    void anAnswerLargerThanAnyTheApiGivesIsAnUpstreamErrorNotReadIntoMemory() throws Exception {
        byte[] huge = ("{\"access_token\":\"t\",\"expires_in\":3600,\"swapped\":false,\"padding\":\"" + "x".repeat(4 << 20) + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        com.sun.net.httpserver.HttpServer bloated = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        bloated.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, huge.length);
            try (var out = exchange.getResponseBody()) {
                out.write(huge);
            } catch (java.io.IOException closedByTheClient) {
                // the client stopped reading, as it should
            }
        });
        bloated.start();
        try {
            String root = "http://127.0.0.1:" + bloated.getAddress().getPort();
            CamaraClient client = new CamaraClient(new CamaraSettings(URI.create(root), URI.create(root + "/token"), "trustgate-client",
                    "client-secret", URI.create("https://trustgate.example/sink"), SINK_CREDENTIAL, Duration.ofSeconds(5)),
                    new ObjectMapper());

            assertThatThrownBy(() -> client.swappedWithin(CUSTOMER, 24))
                    .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR))
                    .hasMessageContaining("larger than");
        } finally {
            bloated.stop(0);
        }
    }

    @Test
    void aSubscriptionIdNoCamaraSubscriptionCanHaveIsTheOperatorsErrorNotTheCallers() throws Exception {
        com.sun.net.httpserver.HttpServer odd = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        odd.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = (exchange.getRequestURI().getPath().endsWith("/token")
                    ? "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":3600}"
                    : "{\"id\":\"" + "s".repeat(300) + "\",\"status\":\"ACTIVATION_REQUESTED\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/token") ? 200 : 201, answer.length);
            try (var out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        odd.start();
        try {
            String root = "http://127.0.0.1:" + odd.getAddress().getPort();
            CamaraClient client = new CamaraClient(new CamaraSettings(URI.create(root), URI.create(root + "/token"), "trustgate-client",
                    "client-secret", URI.create("https://trustgate.example/sink"), SINK_CREDENTIAL, Duration.ofSeconds(5)),
                    new ObjectMapper());

            assertThatThrownBy(() -> client.subscribe(BUSINESS, CUSTOMER, NOW.plus(Duration.ofDays(30))))
                    .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR))
                    .hasMessageContaining("subscriptionId must be 1 to 256 characters");
        } finally {
            odd.stop(0);
        }
    }
}
