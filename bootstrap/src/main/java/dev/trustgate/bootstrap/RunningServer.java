package dev.trustgate.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustgate.adapters.persistence.DatabaseInUseException;
import dev.trustgate.application.port.in.AuditReport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The trustgate that holds the embedded H2 file, reached over its own HTTP API with the admin key: H2 lets
 * one process open the file, so the database commands run beside a server ask it instead. It is found
 * where the configuration says it listens ({@code TRUSTGATE_HOST}, {@code TRUSTGATE_PORT}).
 */
final class RunningServer {

    /** A key as the API lists it. */
    record Key(String id, String name, boolean active, List<String> phoneNumberIds) {
    }

    /** A new key: shown only here. */
    record CreatedKey(String id, String key) {
    }

    private final String base;
    private final String adminKey;
    private final PrintStream notes;
    private boolean noted;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json = new ObjectMapper();

    private RunningServer(String base, String adminKey, PrintStream notes) {
        this.base = base;
        this.adminKey = adminKey;
        this.notes = notes;
    }

    /**
     * The server that holds the database {@code inUse} says is open elsewhere, reached as {@code config} says.
     * Refuses in one line, saying what to do, when there is no admin key to call it with or nothing answers.
     * The first call that succeeds says on {@code notes} that it went through the server.
     */
    static RunningServer holding(Config config, DatabaseInUseException inUse, boolean needsKey, PrintStream notes) {
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
        String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + config.port();
        String database = inUse.database();
        if (needsKey && config.adminKey().isEmpty()) {
            throw new OneLineException("the database " + database + " is in use by a running trustgate; set TRUSTGATE_ADMIN_KEY to "
                    + "its admin key to do this through its API at " + base + ", or stop it first");
        }
        RunningServer server = new RunningServer(base, config.adminKey().orElse(null), notes);
        if (config.port() == 0 || !server.answers()) {
            throw new OneLineException("the database " + database + " is in use by another process, but no trustgate answers at "
                    + base + "; set TRUSTGATE_HOST and TRUSTGATE_PORT to where it listens, or stop that process first");
        }
        return server;
    }

    String url() {
        return base;
    }

    private boolean answers() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/health/live")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    CreatedKey createKey(String name, List<String> phoneNumberIds) {
        ObjectNode body = json.createObjectNode().put("name", name);
        phoneNumberIds.forEach(body.putArray("phoneNumberIds")::add);
        JsonNode created = call("POST", "/v1/api-keys", body.toString());
        return new CreatedKey(created.path("id").asText(), created.path("key").asText());
    }

    List<Key> listKeys() {
        JsonNode keys = call("GET", "/v1/api-keys", null).path("apiKeys");
        java.util.ArrayList<Key> listed = new java.util.ArrayList<>();
        for (JsonNode key : keys) {
            List<String> businesses = new java.util.ArrayList<>();
            key.path("phoneNumberIds").forEach(b -> businesses.add(b.asText()));
            listed.add(new Key(key.path("id").asText(), key.path("name").asText(), key.path("revokedAt").isNull()
                    || key.path("revokedAt").isMissingNode(), businesses));
        }
        return listed;
    }

    void revokeKey(String id) {
        call("DELETE", "/v1/api-keys/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null);
    }

    AuditReport verifyAudit(String phoneNumberId) {
        JsonNode result = call("GET", "/v1/businesses/" + URLEncoder.encode(phoneNumberId, StandardCharsets.UTF_8)
                + "/audit/verify", null);
        Optional<AuditReport.Break> firstBreak = result.path("valid").asBoolean() ? Optional.empty()
                : Optional.of(new AuditReport.Break(result.path("firstBrokenSequence").asLong(), AuditReport.Problem.valueOf(
                        result.path("problem").asText().toUpperCase(java.util.Locale.ROOT))));
        return new AuditReport(result.path("checked").asLong(), firstBreak);
    }

    /** One admin call; a refusal becomes the server's own one-line reason. */
    private JsonNode call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminKey)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OneLineException("the trustgate at " + base + " stopped answering (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OneLineException("interrupted while waiting for the trustgate at " + base, e);
        }
        if (response.statusCode() == 401) {
            throw new OneLineException("the trustgate at " + base + " refused TRUSTGATE_ADMIN_KEY: it is not that server's admin key");
        }
        JsonNode answer = read(response.body());
        if (response.statusCode() >= 400) {
            throw new OneLineException(answer.path("detail").asText("the trustgate at " + base + " answered HTTP "
                + response.statusCode()));
        }
        if (!noted) {
            noted = true;
            notes.println("note: the database is in use, so this went through the trustgate running at " + base);
        }
        return answer;
    }

    private JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
