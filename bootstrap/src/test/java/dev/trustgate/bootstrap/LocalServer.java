package dev.trustgate.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.WebhookSignature;
import dev.trustgate.testkit.OpenApiContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The assembled server in the test's JVM (as {@code main} wires it), on a loopback port, and the calls
 * the end-to-end tests make against it: API calls with a key, and webhooks signed as WhatsApp signs them. Every
 * exchange is held to the OpenAPI document the server serves ({@link OpenApiContract}).
 */
final class LocalServer implements AutoCloseable {

    final TrustgateServer server;
    final String adminKey;
    private final String appSecret;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private OpenApiContract contract;

    private LocalServer(TrustgateServer server, String adminKey, String appSecret) {
        this.server = server;
        this.adminKey = adminKey;
        this.appSecret = appSecret;
    }

    /** The configuration every end-to-end test starts from: loopback, any port, live against {@code graphUrl}. */
    static Map<String, String> env(String dbUrl, String graphUrl, String adminKey, String appSecret) {
        Map<String, String> env = new HashMap<>();
        env.put("TRUSTGATE_HOST", "127.0.0.1");
        env.put("TRUSTGATE_PORT", "0");
        env.put("TRUSTGATE_DB_URL", dbUrl);
        env.put("WHATSAPP_ACCESS_TOKEN", "EAAG-test-access-token");
        env.put("WHATSAPP_APP_SECRET", appSecret);
        env.put("WHATSAPP_VERIFY_TOKEN", "verify");
        env.put("WHATSAPP_GRAPH_URL", graphUrl);
        env.put("TRUSTGATE_ADMIN_KEY", adminKey);
        return env;
    }

    static LocalServer start(Map<String, String> env) {
        return new LocalServer(TrustgateServer.start(Config.load(env, Optional.empty())), env.get("TRUSTGATE_ADMIN_KEY"),
                env.get("WHATSAPP_APP_SECRET"));
    }

    int port() {
        return server.port();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    HttpResponse<String> call(String method, String path, String apiKey, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return send(request.build());
    }

    /** POSTs {@code body} to the WhatsApp webhook, signed with the app secret. */
    HttpResponse<String> webhook(byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(url("/webhooks/whatsapp")))
                .header("X-Hub-Signature-256", new WebhookSignature(appSecret).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    JsonNode json(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /** A key for one business number, created with the admin key. */
    String apiKey(String name, String phoneNumberId) {
        return json(call("POST", "/v1/api-keys", adminKey, "{\"name\":\"" + name + "\",\"phoneNumberIds\":[\"" + phoneNumberId
                + "\"]}")).get("key").asText();
    }

    private HttpResponse<String> send(HttpRequest request) {
        HttpResponse<String> response = sendUnchecked(request);
        if (contract == null) {
            // the console's pages are served beside the API, not described by its document
            contract = OpenApiContract.of(sendUnchecked(HttpRequest.newBuilder(URI.create(url("/openapi.json"))).build()).body())
                    .besides("/console/");
        }
        contract.check(request, response);
        return response;
    }

    private HttpResponse<String> sendUnchecked(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
