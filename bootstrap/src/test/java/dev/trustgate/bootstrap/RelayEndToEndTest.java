package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trustgate.adapters.http.WebhookSignature;
import dev.trustgate.application.fakes.WhatsAppSamples;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An existing WhatsApp app behind trustgate keeps receiving every webhook, byte-identical and correctly signed. */
class RelayEndToEndTest {

    private static final String APP_SECRET = "relay-app-secret";

    record Received(byte[] body, boolean signatureValid, String trust) {
    }

    @Test
    void theBusinessesAppReceivesEveryWebhookByteIdenticalInOrderWithTheTrustHeader(@TempDir Path data) throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        WebhookSignature appsOwnCheck = new WebhookSignature(APP_SECRET);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/whatsapp", ctx -> {
                byte[] body = ctx.bodyAsBytes();
                received.add(new Received(body, appsOwnCheck.verify(body, ctx.header("X-Hub-Signature-256")),
                        ctx.header("X-Trustgate-Trust")));
                ctx.status(200);
            });
        }).start("127.0.0.1", 0);
        Map<String, String> env = new HashMap<>();
        env.put("TRUSTGATE_HOST", "127.0.0.1");
        env.put("TRUSTGATE_PORT", "0");
        env.put("TRUSTGATE_DB_URL", "jdbc:h2:file:" + data.resolve("db"));
        env.put("WHATSAPP_APP_SECRET", APP_SECRET);
        env.put("WHATSAPP_VERIFY_TOKEN", "v");
        env.put("TRUSTGATE_RELAY_URL", "http://127.0.0.1:" + app.port() + "/whatsapp");
        List<String> samples = List.of("inbound-text-with-identity-hash.json", "status-delivered-with-identity-hash.json",
                "system-customer-identity-changed.json");
        try (TrustgateServer server = TrustgateServer.start(Config.load(env, Optional.empty()))) {
            server.services().optIn.setIdentityChecks(new dev.trustgate.application.port.in.OptInToIdentityChecksUseCase.Command(
                    dev.trustgate.application.Caller.admin(new dev.trustgate.domain.Actor("admin")),
                    new dev.trustgate.domain.BusinessNumberId("106540352242922"), true));
            HttpClient http = HttpClient.newHttpClient();
            for (String sample : samples) {
                byte[] body = WhatsAppSamples.bytes(sample);
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/webhooks/whatsapp")).header("X-Hub-Signature-256", appsOwnCheck.sign(body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> received.size() >= samples.size());
        } finally {
            app.stop();
        }

        assertThat(received).hasSize(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            assertThat(Arrays.equals(received.get(i).body(), WhatsAppSamples.bytes(samples.get(i)))).as(samples.get(i)).isTrue();
            assertThat(received.get(i).signatureValid()).isTrue();
        }
        assertThat(received.get(0).trust()).isEqualTo("16505551234=UNVERIFIED");
        assertThat(received.get(2).trust()).isEqualTo("16505551234=IDENTITY_CHANGED");
    }
}
