package dev.trustgate.adapters.http;

import dev.trustgate.adapters.http.support.HttpMetrics;
import dev.trustgate.adapters.http.support.ProviderWebhooks;
import dev.trustgate.adapters.http.support.HttpSettings;
import dev.trustgate.adapters.http.support.Json;
import dev.trustgate.adapters.http.support.UseCases;
import dev.trustgate.adapters.http.support.WebhookSignature;
import dev.trustgate.application.Caller;
import dev.trustgate.application.fakes.InMemoryTrustgate;
import dev.trustgate.application.port.in.ManageApiKeysUseCase;
import dev.trustgate.application.service.TrustgateServices;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.testkit.OpenApiContract;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP adapter on a real socket over the in-memory core, and a real HTTP client to call it. Every exchange made
 * through {@link #send} is held to the OpenAPI document the server serves ({@link OpenApiContract}), so an answer
 * the document does not describe fails the test that got it.
 */
public final class RunningServer implements AutoCloseable {

    public static final String APP_SECRET = "test-app-secret";
    public static final String VERIFY_TOKEN = "test-verify-token";
    public static final String ADMIN_KEY = "tg_admin_key_for_tests_0123456789";
    /** The sink credential this test server's SIM-swap subscriptions were given. */
    public static final String SINK_CREDENTIAL = "sink-credential-for-tests";

    public final InMemoryTrustgate core = new InMemoryTrustgate();
    public final TrustgateServices services = core.services;
    public final Javalin server;
    public final HttpClient http = HttpClient.newHttpClient();
    public final WebhookSignature signature = new WebhookSignature(APP_SECRET);
    private OpenApiContract contract;

    /** The business number this test server takes On-Premises webhooks for. */
    public static final BusinessNumberId ON_PREMISES_NUMBER = new BusinessNumberId("106540352242922");

    public RunningServer() {
        this(HttpSettings.DEFAULT_IDLE_TIMEOUT);
    }

    public RunningServer(java.time.Duration idleTimeout) {
        this(idleTimeout, Optional.empty());
    }

    /** A server whose {@code /metrics} asks for {@code metricsKey} when one is given. */
    public RunningServer(java.time.Duration idleTimeout, Optional<String> metricsKey) {
        this(settings(idleTimeout, metricsKey));
    }

    /** A server taking the webhooks of the provider {@code webhooks} describes. */
    public RunningServer(ProviderWebhooks webhooks) {
        this(settings(HttpSettings.DEFAULT_IDLE_TIMEOUT, Optional.empty()).withWebhooks(webhooks));
    }

    private RunningServer(HttpSettings settings) {
        services.apiKeys.ensureAdminKey(Optional.of(ADMIN_KEY));
        UseCases useCases = useCases(core);
        server = TrustgateHttpServer.create(useCases, settings, () -> true, core.clock::now,
                new HttpMetrics(() -> HttpMetrics.Backlog.EMPTY)).start("127.0.0.1", 0);
    }

    /** The settings this test server runs with. */
    public static HttpSettings settings(java.time.Duration idleTimeout, Optional<String> metricsKey) {
        return new HttpSettings(APP_SECRET, VERIFY_TOKEN, 64 * 1024, metricsKey, idleTimeout, Optional.of(ON_PREMISES_NUMBER))
                .withSimSwapSinkCredentials(java.util.List.of(SINK_CREDENTIAL));
    }

    public static UseCases useCases(InMemoryTrustgate core) {
        TrustgateServices s = core.services;
        return new UseCases(s.apiKeys, s.authenticate, s.recordSignals, s.optIn, s.setPolicy, s.getContact, s.listContacts, s.readEvents,
                s.verifyAudit, s.startReauthentication, s.cancelReauthentication, s.reauthenticationResult, s.acknowledge,
                s.overrideUnknownIdentity, s.recordAuthentication, s.revokeTrust, s.send, s.markRead, s.listHeld, s.release, s.discard,
                s.subscriptions, s.parkedDeliveries, s.setSimSwapPolicy, s.simSwapNotices(core.simSwaps),
                s.simSwapSubscriptions(core.simSwaps, new dev.trustgate.application.service.NoSimSwapOperator()));
    }

    /** The contact {@code name} belongs to in {@code business}, as stored. */
    public Optional<ContactTrust> contact(BusinessNumberId business, CustomerName name) {
        return Optional.ofNullable(core.contacts.resolve(business, java.util.List.of(name)).get(name)).flatMap(core.contacts::find);
    }

    public String keyFor(String business) {
        return services.apiKeys.create(new ManageApiKeysUseCase.CreateCommand(
                Caller.admin(new dev.trustgate.domain.Actor("admin")), "test " + business,
                Set.of(new BusinessNumberId(business)))).key();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public HttpResponse<String> send(HttpRequest request) {
        HttpResponse<String> response = sendUnchecked(request);
        contract().check(request, response);
        return response;
    }

    /** The OpenAPI document this server serves, as the contract its exchanges are held to. */
    public OpenApiContract contract() {
        if (contract == null) {
            contract = OpenApiContract.of(sendUnchecked(HttpRequest.newBuilder(uri("/openapi.json")).GET().build()).body());
        }
        return contract;
    }

    /** {@code request} sent, its answer not held to the OpenAPI document (for the tests of that check itself). */
    public HttpResponse<String> sendUnchecked(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request.build());
    }

    public HttpResponse<String> put(String path, String key, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> call(String method, String path, String key, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request.build());
    }

    public HttpResponse<String> post(String path, String key, String json) {
        return call("POST", path, key, json);
    }

    public HttpResponse<String> webhook(byte[] body, String signatureHeader, String query) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/webhooks/whatsapp" + query))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signatureHeader != null) {
            request.header("X-Hub-Signature-256", signatureHeader);
        }
        return send(request.build());
    }

    /** An answer read off the socket by {@link #declaringBody}: its status and body. */
    public record RawAnswer(int status, String body) {
    }

    /**
     * Sends to the server on {@code port} the head of a request declaring a body of {@code declaredLength} bytes and none of the body, and reads
     * the answer. A server refusing a declared size answers without reading the body and closes the connection; a
     * client still uploading the body may then see only the close ("broken pipe"), so this one never starts to.
     * A server that waited for the body would be cut off by the read timeout here, failing the test.
     */
    public static RawAnswer declaringBody(int port, String method, String path, Map<String, String> headers, long declaredLength) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(declaredLength).append("\r\n\r\n");
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            java.io.InputStream in = socket.getInputStream();
            java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
            int end = -1;
            long length = -1;
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                read.write(buffer, 0, n);
                String sofar = read.toString(StandardCharsets.ISO_8859_1);
                if (end < 0 && (end = sofar.indexOf("\r\n\r\n")) >= 0) {
                    java.util.regex.Matcher declared = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)")
                            .matcher(sofar.substring(0, end));
                    length = declared.find() ? Long.parseLong(declared.group(1)) : -1;
                }
                if (end >= 0 && length >= 0 && read.size() >= end + 4 + length) {
                    break;
                }
            }
            String answer = read.toString(StandardCharsets.UTF_8);
            if (!answer.startsWith("HTTP/1.1 ") || answer.indexOf("\r\n\r\n") < 0) {
                throw new AssertionError("not an HTTP answer: " + answer);
            }
            return new RawAnswer(Integer.parseInt(answer.substring(9, 12)), answer.substring(answer.indexOf("\r\n\r\n") + 4));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public com.fasterxml.jackson.databind.JsonNode json(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    public HttpResponse<String> signedWebhook(byte[] body) {
        return webhook(body, signature.sign(body), "");
    }

    @Override
    public void close() {
        server.stop();
    }
}
