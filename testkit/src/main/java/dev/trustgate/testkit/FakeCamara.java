package dev.trustgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mobile operator's CAMARA APIs on a real loopback socket, in the published shapes (camaraproject/SimSwap,
 * {@code code/API_definitions/sim-swap.yaml} and {@code sim-swap-subscriptions.yaml}): an OAuth2 token endpoint for
 * the client-credentials grant, {@code POST/GET /sim-swap-subscriptions/v0.3/subscriptions} and
 * {@code POST /sim-swap/v2/check}, with CAMARA's {@code ErrorInfo} errors. It also plays the operator's notification
 * server: {@link #notifySwapped} posts a {@code swapped} CloudEvent to a subscription's sink with its sink credential.
 */
public final class FakeCamara implements AutoCloseable {

    public static final String SWAPPED = "org.camaraproject.sim-swap-subscriptions.v0.swapped";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String clientId;
    private final String clientSecret;
    private final long tokenLifetimeSeconds;
    private final Javalin server;
    private final AtomicInteger tokens = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, ObjectNode> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, String> sinkCredentials = new ConcurrentHashMap<>();
    private final Set<String> swapped = ConcurrentHashMap.newKeySet();
    private final List<ProviderFake.Received> received = new CopyOnWriteArrayList<>();
    private final Set<String> liveTokens = ConcurrentHashMap.newKeySet();
    private final HttpClient http = HttpClient.newHttpClient();

    /** An operator whose token endpoint knows {@code clientId}/{@code clientSecret} and issues tokens for the given time. */
    public FakeCamara(String clientId, String clientSecret, long tokenLifetimeSeconds) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.tokenLifetimeSeconds = tokenLifetimeSeconds;
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.post("/oauth2/token", this::token);
            config.routes.post("/sim-swap-subscriptions/v0.3/subscriptions", this::subscribe);
            config.routes.get("/sim-swap-subscriptions/v0.3/subscriptions", this::list);
            config.routes.post("/sim-swap/v2/check", this::check);
        }).start("127.0.0.1", 0);
    }

    /** The API root the adapter is configured with. */
    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The token endpoint. */
    public String tokenUrl() {
        return url() + "/oauth2/token";
    }

    /** How many tokens were issued. */
    public int tokensIssued() {
        return tokens.get();
    }

    /** Every token issued so far stops being accepted (as when the operator rotates its keys). */
    public void revokeTokens() {
        liveTokens.clear();
    }

    /** The number's SIM was swapped lately: a check says so. */
    public void swap(String phoneNumber) {
        swapped.add(phoneNumber);
    }

    /** Every API request that reached the fake (not token requests), in order. */
    public List<ProviderFake.Received> requests() {
        return List.copyOf(received);
    }

    /** The subscriptions made, as the operator keeps them (the Subscription schema). */
    public List<JsonNode> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    /**
     * Posts a {@code swapped} notice of subscription {@code id} to its sink, with its sink credential as bearer token, in
     * the specification's SWAPPED example shape.
     *
     * @return the sink's answer
     */
    public HttpResponse<String> notifySwapped(String subscriptionId, String eventId, Instant time) {
        ObjectNode subscription = Optional.ofNullable(subscriptions.get(subscriptionId))
                .orElseThrow(() -> new IllegalArgumentException("no subscription " + subscriptionId));
        ObjectNode event = JSON.createObjectNode().put("id", eventId).put("source", "fake-camara.notificationSendServer")
                .put("type", SWAPPED).put("specversion", "1.0").put("datacontenttype", "application/json");
        event.putObject("data").put("phoneNumber", subscription.at("/config/subscriptionDetail/phoneNumber").asText())
                .put("subscriptionId", subscriptionId);
        event.put("time", time.toString());
        try {
            return http.send(HttpRequest.newBuilder(URI.create(subscription.get("sink").asText()))
                    .header("Content-Type", "application/cloudevents+json")
                    .header("Authorization", "Bearer " + sinkCredentials.get(subscriptionId))
                    .POST(HttpRequest.BodyPublishers.ofString(event.toString())).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void token(Context ctx) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(ctx.header("Authorization")) || !"client_credentials".equals(ctx.formParam("grant_type"))) {
            ctx.status(401).contentType("application/json").result("{\"error\":\"invalid_client\"}");
            return;
        }
        String token = "camara-token-" + tokens.incrementAndGet();
        liveTokens.add(token);
        ctx.contentType("application/json").result("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + tokenLifetimeSeconds + "}");
    }

    private boolean authorized(Context ctx) {
        received.add(new ProviderFake.Received(ctx.method().name(), ctx.path(), headers(ctx), ctx.body()));
        String header = ctx.header("Authorization");
        if (header != null && header.startsWith("Bearer ") && liveTokens.contains(header.substring(7))) {
            return true;
        }
        error(ctx, 401, "UNAUTHENTICATED", "Request not authenticated due to missing, invalid, or expired credentials.");
        return false;
    }

    private static Map<String, String> headers(Context ctx) {
        Map<String, String> headers = new java.util.HashMap<>();
        ctx.headerMap().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return headers;
    }

    private static void error(Context ctx, int status, String code, String message) {
        ctx.status(status).contentType("application/json")
                .result(JSON.createObjectNode().put("status", status).put("code", code).put("message", message).toString());
    }

    private void subscribe(Context ctx) throws Exception {
        if (!authorized(ctx)) {
            return;
        }
        JsonNode request = JSON.readTree(ctx.body());
        JsonNode credential = request.path("sinkCredential");
        boolean valid = "HTTP".equals(request.path("protocol").asText()) && request.path("sink").isTextual()
                && request.path("types").size() == 1 && SWAPPED.equals(request.path("types").path(0).asText())
                && request.path("config").path("subscriptionDetail").path("phoneNumber").asText().matches("\\+[1-9][0-9]{4,14}")
                && "ACCESSTOKEN".equals(credential.path("credentialType").asText()) && credential.path("accessToken").isTextual()
                && credential.path("accessTokenExpiresUtc").isTextual() && "bearer".equals(credential.path("accessTokenType").asText());
        if (!valid) {
            error(ctx, 400, "INVALID_ARGUMENT", "Client specified an invalid argument, request body or query param.");
            return;
        }
        String id = "sub-" + ids.incrementAndGet();
        ObjectNode subscription = JSON.createObjectNode();
        subscription.put("protocol", "HTTP").put("sink", request.get("sink").asText());
        subscription.putArray("types").add(SWAPPED);
        subscription.set("config", request.get("config"));
        subscription.put("id", id).put("startsAt", Instant.now().toString());
        if (request.path("config").has("subscriptionExpireTime")) {
            subscription.put("expiresAt", request.path("config").path("subscriptionExpireTime").asText());
        }
        subscription.put("status", "ACTIVATION_REQUESTED");
        subscriptions.put(id, subscription);
        sinkCredentials.put(id, credential.get("accessToken").asText());
        ctx.status(201).contentType("application/json").result(subscription.toString());
    }

    private void list(Context ctx) {
        if (!authorized(ctx)) {
            return;
        }
        List<JsonNode> all = new ArrayList<>(subscriptions.values());
        ctx.contentType("application/json").result(JSON.valueToTree(all).toString());
    }

    private void check(Context ctx) throws Exception {
        if (!authorized(ctx)) {
            return;
        }
        JsonNode request = JSON.readTree(ctx.body());
        if (!request.path("phoneNumber").isTextual()) {
            error(ctx, 422, "MISSING_IDENTIFIER", "The device cannot be identified.");
            return;
        }
        int maxAge = request.path("maxAge").asInt(240);
        if (maxAge < 1 || maxAge > 2400) {
            error(ctx, 400, "OUT_OF_RANGE", "Client specified an invalid range.");
            return;
        }
        ctx.contentType("application/json").result("{\"swapped\":" + swapped.contains(request.get("phoneNumber").asText()) + "}");
    }

    @Override
    public void close() {
        server.stop();
    }
}
