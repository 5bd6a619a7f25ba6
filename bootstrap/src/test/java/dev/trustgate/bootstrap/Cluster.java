package dev.trustgate.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.persistence.DatabaseSettings;
import dev.trustgate.adapters.persistence.EmbeddedPostgresServer;
import dev.trustgate.adapters.persistence.JdbiStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * trustgate nodes (separate processes of the built jar) sharing one real PostgreSQL database — or one node on
 * the embedded H2 default — with the calls the reliability tests make: signed WhatsApp webhooks, API calls,
 * and SQL to check what was stored.
 */
final class Cluster implements AutoCloseable {

    static final String PNID = "106540352242922";
    static final String ADMIN_KEY = "tg_reliability_admin_key_0123456789";
    static final String APP_SECRET = "reliability-app-secret";

    final List<NodeProcess> nodes = new ArrayList<>();
    private final Database database;
    private final ObjectMapper json = new ObjectMapper();

    /** Where the nodes keep their data, and how the checks read it. */
    private record Database(String jdbcUrl, String user, String password, boolean embedded, Map<String, String> env) {
    }

    /** A read of stored state. */
    private interface Query<T> {
        T run(Connection db) throws SQLException, IOException;
    }

    /** {@code nodeCount} nodes on a new database of the embedded PostgreSQL. */
    Cluster(String purpose, int nodeCount, Path logs, Map<String, String> extraEnv) {
        this(postgres(purpose), nodeCount, logs, extraEnv);
    }

    /**
     * One node on the embedded default, as {@code java -jar trustgate.jar} runs without TRUSTGATE_DB_URL: a new
     * H2 file under {@code logs/data}. The node owns the file: read stored state only while it is down.
     */
    static Cluster onEmbeddedH2(Path logs, Map<String, String> extraEnv) {
        Path data = logs.toAbsolutePath().resolve("data");
        deleteRecursively(data);
        // the node runs in logs/, so its default ./data/trustgate is this file
        return new Cluster(new Database("jdbc:h2:file:" + data.resolve("trustgate"), null, null, true, Map.of()), 1, logs,
                extraEnv);
    }

    private Cluster(Database database, int nodeCount, Path logs, Map<String, String> extraEnv) {
        this.database = database;
        Map<String, String> env = new HashMap<>(extraEnv);
        env.putAll(database.env());
        env.put("TRUSTGATE_ADMIN_KEY", ADMIN_KEY);
        env.put("WHATSAPP_APP_SECRET", APP_SECRET);
        env.put("WHATSAPP_VERIFY_TOKEN", "verify");
        for (int i = 1; i <= nodeCount; i++) {
            nodes.add(new NodeProcess("node" + i, env, logs));
        }
    }

    private static Database postgres(String purpose) {
        String url = EmbeddedPostgresServer.newDatabase(purpose);
        return new Database(url, "postgres", "postgres", false,
                Map.of("TRUSTGATE_DB_URL", url, "TRUSTGATE_DB_USER", "postgres", "TRUSTGATE_DB_PASSWORD", "postgres"));
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    /** The business's stored events in sequence order (on the embedded H2: only while the node is down). */
    List<StoredEvent> events() {
        return read(db -> {
            List<StoredEvent> events = new ArrayList<>();
            try (var rows = db.createStatement().executeQuery(
                    "SELECT sequence, type, wa_id, data FROM events WHERE phone_number_id = '" + PNID + "' ORDER BY sequence")) {
                while (rows.next()) {
                    events.add(new StoredEvent(rows.getLong(1), rows.getString(2), rows.getString(3), json.readTree(rows.getString(4))));
                }
            }
            return events;
        });
    }

    /** Every stored webhook receipt key (on the embedded H2: only while the node is down). */
    List<String> receiptKeys() {
        return read(db -> {
            List<String> keys = new ArrayList<>();
            try (var rows = db.createStatement().executeQuery("SELECT receipt_key FROM webhook_receipts")) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        });
    }

    private <T> T read(Query<T> query) {
        try {
            if (database.embedded()) {
                // opened as a restarting node opens it (JdbiStorage.open, crash recovery included): what the node
                // would find; the file is the node's own, so only while the node is down
                try (JdbiStorage storage = JdbiStorage.open(DatabaseSettings.of(database.jdbcUrl(), null, null));
                     Connection db = storage.dataSource().getConnection()) {
                    return query.run(db);
                }
            }
            try (Connection db = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
                return query.run(db);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode auditVerification() {
        return require(call(node(0), "GET", "/v1/businesses/" + PNID + "/audit/verify", ADMIN_KEY, null), 200).json();
    }

    @Override
    public void close() {
        nodes.forEach(NodeProcess::close);
    }
}
