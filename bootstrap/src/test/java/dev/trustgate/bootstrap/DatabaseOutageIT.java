package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trustgate.application.fakes.WhatsAppSamples;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
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
            Cluster.require(node.call("PUT", "/v1/businesses/" + PNID + "/identity-checks", Cluster.ADMIN_KEY, "{\"enabled\":true}"), 200);
            List<String> committed = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String id = "wamid.outage.before." + i;
                assertThat(node.webhook(WhatsAppSamples.inboundText("4917000000" + String.format("%02d", i), "SDA=", T0, id)))
                        .isEqualTo(200);
                committed.add(id);
            }
            assertThat(send(node).status()).isEqualTo(200);

            postgres.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> !node.ready());
            int during = node.webhook(WhatsAppSamples.inboundText("491700000099", "SDA=", T0, "wamid.outage.during"));
            assertThat(during).as("WhatsApp must retry it").isEqualTo(503);
            NodeProcess.Answer refused = send(node);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().get("code").asText()).isEqualTo("storage_unavailable");
            assertThat(node.call("GET", "/health/live", Cluster.ADMIN_KEY, null).status()).as("alive, only not ready").isEqualTo(200);

            postgres = startPostgres(port, data);
            await().atMost(Duration.ofSeconds(60)).until(node::ready);
            assertThat(node.webhook(WhatsAppSamples.inboundText("491700000099", "SDA=", T0, "wamid.outage.during")))
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

    private NodeProcess.Answer send(NodeProcess node) {
        return node.call("POST", "/v1/messages", Cluster.ADMIN_KEY, "{\"from\":\"" + PNID + "\",\"to\":\"491700000001\","
                + "\"message\":{\"type\":\"text\",\"text\":{\"body\":\"hello\"}}}");
    }
}
