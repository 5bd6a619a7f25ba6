package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trustgate.application.fakes.WhatsAppSamples;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops under a running trustgate process and starts again: meanwhile webhooks get 503 (so
 * WhatsApp retries them), sends get 503 {@code storage_unavailable} and readiness is red; afterwards the
 * same process serves again without a restart, and everything committed before is still there.
 */
class DatabaseOutageIT {

    private static final String PNID = Cluster.PNID;
    private static final long T0 = Instant.now().getEpochSecond() - 3600;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theSameProcessRidesOutADatabaseOutageAndLosesNothingCommitted(@TempDir Path work) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = work.resolve("pgdata");
        EmbeddedPostgres postgres = startPostgres(port, data);
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        NodeProcess node = new NodeProcess("node", Map.of("TRUSTGATE_DB_URL", url, "TRUSTGATE_DB_USER", "postgres",
                "TRUSTGATE_DB_PASSWORD", "postgres", "TRUSTGATE_ADMIN_KEY", Cluster.ADMIN_KEY,
                "WHATSAPP_APP_SECRET", Cluster.APP_SECRET, "WHATSAPP_VERIFY_TOKEN", "verify"), Path.of("target/it-logs/DatabaseOutageIT"));
        try (node) {
            node.start();
            Cluster.require(call(node, "PUT", "/v1/businesses/" + PNID + "/identity-checks", "{\"enabled\":true}"), 200);
            List<String> committed = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String id = "wamid.outage.before." + i;
                assertThat(webhook(node, WhatsAppSamples.inboundText("4917000000" + String.format("%02d", i), "SDA=", T0, id)))
                        .isEqualTo(200);
                committed.add(id);
            }
            assertThat(send(node).status()).isEqualTo(200);

            postgres.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> !node.ready());
            int during = webhook(node, WhatsAppSamples.inboundText("491700000099", "SDA=", T0, "wamid.outage.during"));
            assertThat(during).as("WhatsApp must retry it").isEqualTo(503);
            Cluster.Answer refused = send(node);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().get("code").asText()).isEqualTo("storage_unavailable");
            assertThat(call(node, "GET", "/health/live", null).status()).as("alive, only not ready").isEqualTo(200);

            postgres = startPostgres(port, data);
            await().atMost(Duration.ofSeconds(60)).until(node::ready);
            assertThat(webhook(node, WhatsAppSamples.inboundText("491700000099", "SDA=", T0, "wamid.outage.during")))
                    .as("WhatsApp's retry").isEqualTo(200);
            committed.add("wamid.outage.during");
            assertThat(send(node).status()).isEqualTo(200);

            try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
                 var rows = db.createStatement().executeQuery("SELECT receipt_key FROM webhook_receipts")) {
                List<String> receipts = new ArrayList<>();
                while (rows.next()) {
                    receipts.add(rows.getString(1));
                }
                for (String id : committed) {
                    assertThat(receipts).as("receipt of %s", id).anyMatch(k -> k.contains(id));
                }
            }
        } finally {
            postgres.close();
        }
    }

    /** The same server each time: same port, same data directory (kept when it stops). */
    private static EmbeddedPostgres startPostgres(int port, Path data) throws Exception {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false).start();
    }

    private int webhook(NodeProcess node, String body) throws Exception {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(node.uri("/webhooks/whatsapp"))
                .header("X-Hub-Signature-256", new dev.trustgate.adapters.http.WebhookSignature(Cluster.APP_SECRET).sign(bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Cluster.Answer send(NodeProcess node) throws Exception {
        return call(node, "POST", "/v1/messages", "{\"from\":\"" + PNID + "\",\"to\":\"491700000001\","
                + "\"message\":{\"type\":\"text\",\"text\":{\"body\":\"hello\"}}}");
    }

    private Cluster.Answer call(NodeProcess node, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + Cluster.ADMIN_KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Cluster.Answer(response.statusCode(), response.body());
    }
}
