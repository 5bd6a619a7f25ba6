package dev.trustgate.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.persistence.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * trustgate nodes (separate processes of the built jar) sharing one real PostgreSQL database, with the
 * calls the reliability tests make: signed WhatsApp webhooks, API calls, and SQL to check what was stored.
 */
final class Cluster implements AutoCloseable {

    static final String PNID = "106540352242922";
    static final String ADMIN_KEY = "tg_reliability_admin_key_0123456789";
    static final String APP_SECRET = "reliability-app-secret";

    final String jdbcUrl;
    final List<NodeProcess> nodes = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    Cluster(String purpose, int nodeCount, Path logs, Map<String, String> extraEnv) {
        jdbcUrl = EmbeddedPostgresServer.newDatabase(purpose);
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("TRUSTGATE_DB_URL", jdbcUrl);
        env.put("TRUSTGATE_DB_USER", "postgres");
        env.put("TRUSTGATE_DB_PASSWORD", "postgres");
        env.put("TRUSTGATE_ADMIN_KEY", ADMIN_KEY);
        env.put("WHATSAPP_APP_SECRET", APP_SECRET);
        env.put("WHATSAPP_VERIFY_TOKEN", "verify");
        for (int i = 1; i <= nodeCount; i++) {
            nodes.add(new NodeProcess("node" + i, env, logs));
        }
    }

    Cluster start() {
        // one after the other: the first migrates the schema
        nodes.forEach(NodeProcess::start);
        return this;
    }

    NodeProcess node(int index) {
        return nodes.get(index % nodes.size());
    }

    int webhook(NodeProcess node, String body) {
        return node.webhook(body);
    }

    NodeProcess.Answer call(NodeProcess node, String method, String path, String key, String body) {
        return node.call(method, path, key, body);
    }

    void optIn(String policy) {
        require(call(node(0), "PUT", "/v1/businesses/" + PNID + "/identity-checks", ADMIN_KEY, "{\"enabled\":true}"), 200);
        require(call(node(0), "PUT", "/v1/businesses/" + PNID + "/acknowledgement-policy", ADMIN_KEY,
                "{\"policy\":\"" + policy + "\"}"), 200);
    }

    String apiKey(String name) {
        return require(call(node(0), "POST", "/v1/api-keys", ADMIN_KEY,
                "{\"name\":\"" + name + "\",\"phoneNumberIds\":[\"" + PNID + "\"]}"), 201).json().get("key").asText();
    }

    static NodeProcess.Answer require(NodeProcess.Answer answer, int status) {
        if (answer.status() != status) {
            throw new AssertionError("expected " + status + " but got " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    /** One event of the stored log, as the reliability checks read it. */
    record StoredEvent(long sequence, String type, String waId, JsonNode data) {
    }

    List<StoredEvent> events() {
        List<StoredEvent> events = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             var rows = db.createStatement().executeQuery(
                     "SELECT sequence, type, wa_id, data FROM events WHERE phone_number_id = '" + PNID + "' ORDER BY sequence")) {
            while (rows.next()) {
                events.add(new StoredEvent(rows.getLong(1), rows.getString(2), rows.getString(3), json.readTree(rows.getString(4))));
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }

    List<String> receiptKeys() {
        List<String> keys = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             var rows = db.createStatement().executeQuery("SELECT receipt_key FROM webhook_receipts")) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return keys;
    }

    JsonNode auditVerification() {
        return require(call(node(0), "GET", "/v1/businesses/" + PNID + "/audit/verify", ADMIN_KEY, null), 200).json();
    }

    @Override
    public void close() {
        nodes.forEach(NodeProcess::close);
    }
}
