package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trustgate.adapters.notify.StalledEndpoints;
import dev.trustgate.application.fakes.WhatsAppSamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One tenant's broken endpoints never delay another tenant's notifications: tenant A subscribes a
 * blackhole (accepts, never answers) and a trickler (headers at once, then a byte a second), and the
 * relay points at a blackhole too; tenant B's event still reaches B's CRM within 2 s of its commit.
 */
class TenantIsolationTest {

    private static final String PNID_A = "106540352240001";
    private static final String PNID_B = "106540352242922";
    private static final String ADMIN_KEY = "tg_isolation_admin_key_0123456789";
    private static final String SECRET = "isolation-app-secret";

    /** The inbound sample, for {@code business} and customer {@code waId} (a message of its own): one identity.baseline event. */
    private static byte[] inbound(String business, String waId) {
        return WhatsAppSamples.text("inbound-text-with-identity-hash.json").replace(PNID_B, business)
                .replace("16505551234", waId)
                .replace("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", "wamid.isolation-" + business + "-" + waId)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBlackholeAndATricklingEndpointOfOneTenantDoNotDelayAnotherTenantsDelivery(@TempDir Path data) throws Exception {
        try (StalledEndpoints.Blackhole blackhole = new StalledEndpoints.Blackhole();
             StalledEndpoints.Trickler trickler = new StalledEndpoints.Trickler();
             FakeCrm crm = new FakeCrm();
             FakeGraph graph = new FakeGraph()) {
            Map<String, String> env = LocalServer.env("jdbc:h2:file:" + data.resolve("trustgate"), graph.url(), ADMIN_KEY, SECRET);
            env.put("TRUSTGATE_RELAY_URL", blackhole.url("/relay"));
            try (LocalServer server = LocalServer.start(env)) {
                String keyA = server.apiKey("tenant-a", PNID_A);
                String keyB = server.apiKey("tenant-b", PNID_B);
                assertThat(server.call("POST", "/v1/subscriptions", keyA, "{\"url\":\"" + blackhole.url("/hooks") + "\"}")
                        .statusCode()).isEqualTo(201);
                assertThat(server.call("POST", "/v1/subscriptions", keyA, "{\"url\":\"" + trickler.url("/hooks") + "\"}")
                        .statusCode()).isEqualTo(201);
                crm.useSecret(server.json(server.call("POST", "/v1/subscriptions", keyB, "{\"url\":\"" + crm.url() + "\"}"))
                        .get("secret").asText());
                for (int customer = 0; customer < 20; customer++) {
                    assertThat(server.webhook(inbound(PNID_A, "4915100000" + (10 + customer))).statusCode()).isEqualTo(200);
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> blackhole.accepted() + trickler.answering() >= 1);

                assertThat(server.webhook(inbound(PNID_B, "16505551234")).statusCode()).isEqualTo(200);
                long committed = System.nanoTime();
                await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() -> !crm.received().isEmpty());
                Duration latency = Duration.ofNanos(System.nanoTime() - committed);

                System.out.printf("tenant B delivered %d ms after its commit while tenant A had %d blackholed and %d "
                        + "trickling requests%n", latency.toMillis(), blackhole.accepted(), trickler.answering());
                assertThat(crm.received()).singleElement().satisfies(received -> {
                    assertThat(received.type()).isEqualTo("identity.baseline");
                    assertThat(received.waId()).isEqualTo("16505551234");
                });
                assertThat(crm.rejected()).isEmpty();
            }
        }
    }
}
