package dev.trustgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Cloud API's messages and settings edges as Meta's Graph API serves them ({@code /{version}/{phone_number_id}/…},
 * {@code Authorization: Bearer}) or as 360dialog does ({@code /messages} with the number's own {@code D360-API-KEY}),
 * answering with the Cloud API's published bodies: the send response, Graph errors, {@code {"success":true}}.
 */
public final class FakeCloudApi extends ScriptedProviderFake<FakeCloudApi> {

    /** A message as WhatsApp received it: from which business number, to whom, pinned to what. */
    public record Forwarded(String phoneNumberId, String to, Optional<String> pin, JsonNode body) {
    }

    /** An identity-check setting as WhatsApp received it. */
    public record Setting(String phoneNumberId, boolean enabled) {
    }

    private final List<Forwarded> forwarded = new CopyOnWriteArrayList<>();
    private final List<Setting> settings = new CopyOnWriteArrayList<>();
    private final List<JsonNode> readReceipts = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Optional<String> bearerToken;
    private final Map<String, String> d360Keys;

    private FakeCloudApi(Optional<String> bearerToken, Map<String, String> d360Keys) {
        this.bearerToken = bearerToken;
        this.d360Keys = Map.copyOf(d360Keys);
        serve(config -> {
            if (bearerToken.isPresent()) {
                config.routes.post("/{version}/{pnid}/messages", ctx -> messages(ctx, ctx.pathParam("pnid")));
                config.routes.post("/{version}/{pnid}/settings", ctx -> setting(ctx, ctx.pathParam("pnid")));
            } else {
                config.routes.post("/messages", ctx -> messages(ctx, null));
                config.routes.post("/settings", ctx -> setting(ctx, null));
            }
        });
    }

    /** Meta's Graph API, taking {@code token}. */
    public static FakeCloudApi meta(String token) {
        return new FakeCloudApi(Optional.of(token), Map.of());
    }

    /** 360dialog's Cloud API, taking each business number's key: {@code phone_number_id → D360-API-KEY}. */
    public static FakeCloudApi dialog360(Map<String, String> keysByPhoneNumberId) {
        Map<String, String> numbersByKey = new HashMap<>();
        keysByPhoneNumberId.forEach((number, key) -> numbersByKey.put(key, number));
        return new FakeCloudApi(Optional.empty(), numbersByKey);
    }

    /** The business number the call is authenticated for; empty (and answered 401) when it is not. */
    private Optional<String> authenticated(Context ctx, String pathNumber) {
        if (bearerToken.isPresent()) {
            if (("Bearer " + bearerToken.get()).equals(ctx.header("Authorization"))) {
                return Optional.of(pathNumber);
            }
            ctx.status(401).contentType("application/json").result("{\"error\":{\"message\":\"Invalid OAuth access token.\","
                    + "\"type\":\"OAuthException\",\"code\":190,\"fbtrace_id\":\"AbCdEf\"}}");
            return Optional.empty();
        }
        String number = ctx.header("D360-API-KEY") == null ? null : d360Keys.get(ctx.header("D360-API-KEY"));
        if (number == null) {
            ctx.status(401).contentType("application/json").result("{\"error\":\"Unauthorized - Invalid or missing D360-API-KEY\"}");
            return Optional.empty();
        }
        return Optional.of(number);
    }

    private void messages(Context ctx, String pathNumber) throws Exception {
        Optional<String> number = authenticated(ctx, pathNumber);
        if (number.isEmpty()) {
            return;
        }
        JsonNode body = json.readTree(ctx.body());
        if ("read".equals(body.path("status").asText())) {
            readReceipts.add(body);
            ctx.contentType("application/json").result("{\"success\":true}");
            return;
        }
        answerSend(ctx, accepted -> accept(accepted, number.get(), body));
    }

    private void accept(Context ctx, String number, JsonNode body) {
        JsonNode pin = body.get("recipient_identity_key_hash");
        String to = body.path("to").asText("");
        forwarded.add(new Forwarded(number, to, pin == null ? Optional.empty() : Optional.of(pin.asText()), body));
        String id = "wamid.fake" + ids.incrementAndGet();
        String input = to.isEmpty() ? body.path("recipient").asText() : to;
        String addressee = to.isEmpty() ? "\"user_id\":\"" + input + "\"" : "\"wa_id\":\"" + to.replaceAll("[^0-9]", "") + "\"";
        ctx.contentType("application/json").result("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + input
                + "\"," + addressee + "}],\"messages\":[{\"id\":\"" + id + "\"}]}");
    }

    @Override
    protected void refuse(Context ctx) {
        graphError(ctx, 400, 131030, "(#131030) Recipient phone number not in allowed list");
    }

    @Override
    protected void rateLimit(Context ctx) {
        graphError(ctx, 429, 130429, "(#130429) Rate limit hit");
    }

    @Override
    protected void fail(Context ctx, int status) {
        graphError(ctx, status, 1, "An unknown error has occurred.");
    }

    private static void graphError(Context ctx, int status, int code, String message) {
        ctx.status(status).contentType("application/json").result("{\"error\":{\"message\":\"" + message
                + "\",\"type\":\"OAuthException\",\"code\":" + code + ",\"error_data\":{\"messaging_product\":\"whatsapp\","
                + "\"details\":\"" + message + "\"},\"fbtrace_id\":\"AbCdEfGhIjKlMnOpQrSt\"}}");
    }

    private void setting(Context ctx, String pathNumber) throws Exception {
        Optional<String> number = authenticated(ctx, pathNumber);
        if (number.isEmpty()) {
            return;
        }
        JsonNode check = json.readTree(ctx.body()).path("user_identity_change").path("enable_identity_key_check");
        if (!check.isBoolean()) {
            graphError(ctx, 400, 100, "(#100) Invalid parameter");
            return;
        }
        settings.add(new Setting(number.get(), check.asBoolean()));
        ctx.contentType("application/json").result("{\"success\":true}");
    }

    /** The messages WhatsApp accepted, in order. */
    public List<Forwarded> forwarded() {
        return List.copyOf(forwarded);
    }

    /** The identity-check settings WhatsApp applied, in order. */
    public List<Setting> settings() {
        return List.copyOf(settings);
    }

    public List<JsonNode> readReceipts() {
        return List.copyOf(readReceipts);
    }
}
