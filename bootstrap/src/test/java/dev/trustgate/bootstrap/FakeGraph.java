package dev.trustgate.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** WhatsApp's Graph API as far as trustgate uses it: records every forwarded send with its pin. */
final class FakeGraph implements AutoCloseable {

    /** A message as WhatsApp received it. */
    record Forwarded(String phoneNumberId, String to, Optional<String> pin, String authorization, JsonNode body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<Forwarded> forwarded = new CopyOnWriteArrayList<>();
    private final List<String> settings = new CopyOnWriteArrayList<>();
    private final List<JsonNode> readReceipts = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, String> numbers = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicInteger failWith = new AtomicInteger();
    private volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);
    private final Javalin server;

    FakeGraph() {
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/{version}/{pnid}/messages", this::message);
            config.routes.post("/{version}/{pnid}/settings", this::setting);
        }).start("127.0.0.1", 0);
    }

    private void message(Context ctx) throws Exception {
        arrived.incrementAndGet();
        gate.await(30, java.util.concurrent.TimeUnit.SECONDS);
        int failure = failWith.get();
        if (failure != 0) {
            // WhatsApp's own error shape: 500 "an unknown error occurred", 429 "rate limit hit"
            ctx.status(failure).contentType("application/json").result("{\"error\":{\"message\":\""
                    + (failure == 429 ? "(#130429) Rate limit hit" : "An unknown error has occurred.") + "\",\"type\":\"OAuthException\","
                    + "\"code\":" + (failure == 429 ? 130429 : 1) + ",\"fbtrace_id\":\"AbCdEf\"}}");
            return;
        }
        JsonNode body = json.readTree(ctx.body());
        if ("read".equals(body.path("status").asText())) {
            readReceipts.add(body);
            ctx.contentType("application/json").result("{\"success\":true}");
            return;
        }
        JsonNode pin = body.get("recipient_identity_key_hash");
        forwarded.add(new Forwarded(ctx.pathParam("pnid"), body.path("to").asText(),
                pin == null ? Optional.empty() : Optional.of(pin.asText()), ctx.header("Authorization"), body));
        String id = "wamid.fake" + ids.incrementAndGet();
        // as WhatsApp answers: the input as sent, and the addressee by phone number (to wins) or by user id
        String to = body.path("to").asText("");
        String input = to.isEmpty() ? body.path("recipient").asText() : to;
        String addressee = to.isEmpty() ? "\"user_id\":\"" + input + "\""
                : "\"wa_id\":\"" + numbers.getOrDefault(to.replaceAll("[^0-9]", ""), to.replaceAll("[^0-9]", "")) + "\"";
        ctx.contentType("application/json").result("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\""
                + input + "\"," + addressee + "}],\"messages\":[{\"id\":\"" + id + "\"}]}");
    }

    private void setting(Context ctx) {
        settings.add(ctx.pathParam("pnid") + " " + ctx.body());
        ctx.contentType("application/json").result("{\"success\":true}");
    }

    /** Answers sends to {@code input} (digits) naming the user {@code waId}, as WhatsApp does for an older spelling. */
    void answerNumber(String input, String waId) {
        numbers.put(input, waId);
    }

    List<JsonNode> readReceipts() {
        return List.copyOf(readReceipts);
    }

    /** Answers every send with this HTTP status and a Graph error (0: answer normally). */
    void failWith(int status) {
        failWith.set(status);
    }

    /** Holds every send's answer until the returned latch is counted down. */
    java.util.concurrent.CountDownLatch holdAnswers() {
        gate = new java.util.concurrent.CountDownLatch(1);
        return gate;
    }

    int arrived() {
        return arrived.get();
    }

    List<Forwarded> forwarded() {
        return List.copyOf(forwarded);
    }

    List<String> settings() {
        return List.copyOf(settings);
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
