package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustgate.application.fakes.WhatsAppSamples;
import dev.trustgate.testkit.FakeCamara;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIM-swap signals through the assembled server on its embedded default (H2 file), against a fake CAMARA operator:
 * trustgate subscribes the business's customers at the operator, the operator posts a swap notice to trustgate's sink
 * with the sink credential it was given, and the customer's trust is broken, once.
 */
class SimSwapEndToEndTest {

    private static final String PNID = "106540352242922";
    private static final String CONTACT = "/v1/businesses/" + PNID + "/contacts/16505551234";
    private static final String ADMIN_KEY = "tg_sim_swap_admin_key_0123456789";
    private static final String SECRET = "sim-swap-app-secret";
    private static final String SINK_CREDENTIAL = "sink-credential-0123456789abcdefghijklmnopqrstuv";

    private final FakeGraph graph = new FakeGraph();
    private final FakeCamara operator = new FakeCamara("trustgate", "camara-client-secret", 3600);
    private LocalServer server;

    @BeforeEach
    void start(@TempDir Path data) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Map<String, String> env = LocalServer.env("jdbc:h2:file:" + data.resolve("trustgate"), graph.url(), ADMIN_KEY, SECRET);
        env.put("TRUSTGATE_PORT", String.valueOf(port));
        env.put("CAMARA_API_ROOT", operator.url());
        env.put("CAMARA_TOKEN_URL", operator.tokenUrl());
        env.put("CAMARA_CLIENT_ID", "trustgate");
        env.put("CAMARA_CLIENT_SECRET", "camara-client-secret");
        env.put("CAMARA_SINK_URL", "http://127.0.0.1:" + port + "/signals/camara/sim-swap");
        env.put("CAMARA_SINK_CREDENTIAL", SINK_CREDENTIAL);
        server = LocalServer.start(env);
    }

    @AfterEach
    void stop() {
        server.close();
        operator.close();
        graph.close();
    }

    @Test
    void aSwapTheOperatorReportsBreaksTheTrustOfTheCustomerTrustgateSubscribed() {
        assertThat(server.webhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json")).statusCode()).isEqualTo(200);
        assertThat(server.call("POST", CONTACT + "/authentications", ADMIN_KEY, "{}").statusCode()).isEqualTo(200);

        HttpResponse<String> subscribed = server.call("POST", "/v1/businesses/" + PNID + "/sim-swap-subscriptions", ADMIN_KEY, null);
        assertThat(subscribed.statusCode()).isEqualTo(200);
        JsonNode subscription = server.json(subscribed).get("subscriptions").get(0);
        assertThat(subscription.get("phoneNumber").asText()).isEqualTo("+16505551234");
        assertThat(operator.subscriptions()).hasSize(1);

        HttpResponse<String> notified = operator.notifySwapped(subscription.get("id").asText(), "evt-1", Instant.now());
        HttpResponse<String> again = operator.notifySwapped(subscription.get("id").asText(), "evt-1", Instant.now());

        assertThat(notified.statusCode()).isEqualTo(204);
        assertThat(again.statusCode()).isEqualTo(204);
        assertThat(server.json(server.call("GET", CONTACT, ADMIN_KEY, null)).get("state").asText()).isEqualTo("UNVERIFIED");
        JsonNode events = server.json(server.call("GET", "/v1/businesses/" + PNID + "/events", ADMIN_KEY, null)).get("events");
        assertThat(events.findValuesAsText("type").stream().filter("contact.sim_swapped"::equals)).hasSize(1);
        assertThat(server.json(server.call("GET", "/v1/businesses/" + PNID + "/audit/verify", ADMIN_KEY, null)).get("valid")
                .asBoolean()).isTrue();
    }
}
