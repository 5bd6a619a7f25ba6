package dev.trustgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Infobip's WhatsApp API as far as trustgate uses it, in the shapes Infobip publishes: text and template sends
 * ({@code POST /whatsapp/1/message/text|template}, {@code Authorization: App <key>}), mark as read, and the
 * identity change add-on ({@code GET|PUT /whatsapp/1/{sender}/contacts/{userNumber}/identity}: 204 when the
 * hash is the one Infobip holds, 409 "Incorrect identity hash provided" when not, 404 when it holds none).
 * Errors are Infobip's {@code {"requestError":{"serviceException":{"messageId","text"}}}}. While an identity is
 * unacknowledged Infobip blocks the customer; {@link #blocked} tells whether it still does.
 */
public final class FakeInfobip extends ScriptedProviderFake<FakeInfobip> {

    /** A message as Infobip received it, translated: kind ({@code text}, {@code template}), sender, customer, body. */
    public record Message(String kind, String from, String to, JsonNode body) {
    }

    /** A confirmation as Infobip received it, and whether Infobip took it (204). */
    public record Confirmation(String sender, String userNumber, String hash, int status) {
    }

    private record Identity(String hash, boolean acknowledged) {
    }

    private final String apiKey;
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final List<Confirmation> confirmations = new CopyOnWriteArrayList<>();
    private final List<String> readMarks = new CopyOnWriteArrayList<>();
    private final Map<String, Identity> identities = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public FakeInfobip(String apiKey) {
        this.apiKey = apiKey;
        serve(config -> {
            config.routes.post("/whatsapp/1/message/text", ctx -> send(ctx, "text"));
            config.routes.post("/whatsapp/1/message/template", ctx -> send(ctx, "template"));
            config.routes.put("/whatsapp/1/{sender}/contacts/{userNumber}/identity", this::confirm);
            config.routes.get("/whatsapp/1/{sender}/contacts/{userNumber}/identity", this::identity);
            config.routes.post("/whatsapp/1/senders/{sender}/message/{messageId}/read", this::read);
        });
    }

    private boolean authenticated(Context ctx) {
        if (("App " + apiKey).equals(ctx.header("Authorization"))) {
            return true;
        }
        error(ctx, 401, "UNAUTHORIZED", "Invalid login details");
        return false;
    }

    @Override
    protected void refuse(Context ctx) {
        error(ctx, 400, "BAD_REQUEST", "Bad request");
    }

    @Override
    protected void rateLimit(Context ctx) {
        error(ctx, 429, "TOO_MANY_REQUESTS", "Too many requests");
    }

    @Override
    protected void fail(Context ctx, int status) {
        error(ctx, status, "GENERAL_ERROR", "Something went wrong. Please contact support.");
    }

    private static void error(Context ctx, int status, String messageId, String text) {
        ctx.status(status).contentType("application/json").result("{\"requestError\":{\"serviceException\":{\"messageId\":\""
                + messageId + "\",\"text\":\"" + text + "\"}}}");
    }

    private void send(Context ctx, String kind) throws Exception {
        if (!authenticated(ctx)) {
            return;
        }
        answerSend(ctx, accepted -> accept(accepted, kind));
    }

    private void accept(Context ctx, String kind) throws Exception {
        JsonNode body = json.readTree(ctx.body());
        JsonNode message = "template".equals(kind) ? body.path("messages").path(0) : body;
        String to = message.path("to").asText();
        messages.add(new Message(kind, message.path("from").asText(), to, message));
        String id = message.hasNonNull("messageId") ? message.get("messageId").asText() : "ib-" + ids.incrementAndGet();
        String info = "{\"to\":\"" + to + "\",\"messageCount\":1,\"messageId\":\"" + id + "\",\"status\":{\"groupId\":1,"
                + "\"groupName\":\"PENDING\",\"id\":7,\"name\":\"PENDING_ENROUTE\",\"description\":\"Message sent to next instance\"}}";
        ctx.contentType("application/json").result("template".equals(kind) ? "{\"messages\":[" + info + "],\"bulkId\":\"bulk-"
                + id + "\"}" : info);
    }

    private void confirm(Context ctx) throws Exception {
        if (!authenticated(ctx)) {
            return;
        }
        String sender = ctx.pathParam("sender");
        String user = ctx.pathParam("userNumber");
        String hash = json.readTree(ctx.body()).path("hash").asText("");
        Identity held = identities.get(sender + "/" + user);
        int status = held == null ? 404 : held.hash().equals(hash) ? 204 : 409;
        confirmations.add(new Confirmation(sender, user, hash, status));
        switch (status) {
            case 204 -> {
                identities.put(sender + "/" + user, new Identity(hash, true));
                ctx.status(204);
            }
            case 409 -> error(ctx, 409, "CONFLICT", "Incorrect identity hash provided.");
            default -> error(ctx, 404, "NOT_FOUND", "Identity was not found or recipient does not exist for a given sender.");
        }
    }

    private void identity(Context ctx) {
        if (!authenticated(ctx)) {
            return;
        }
        Identity held = identities.get(ctx.pathParam("sender") + "/" + ctx.pathParam("userNumber"));
        if (held == null) {
            error(ctx, 404, "NOT_FOUND", "Identity was not found or recipient does not exist for a given sender.");
            return;
        }
        ctx.contentType("application/json").result("{\"acknowledged\":" + held.acknowledged() + ",\"hash\":\"" + held.hash()
                + "\",\"createdAt\":\"2026-06-18T16:21:40.000+0000\"}");
    }

    private void read(Context ctx) {
        if (!authenticated(ctx)) {
            return;
        }
        readMarks.add(ctx.pathParam("sender") + "/" + ctx.pathParam("messageId"));
        ctx.status(200).contentType("application/json").result("{}");
    }

    /**
     * An inbound message as Infobip forwards it to a webhook (its default {@code MO_OTT_CONTACT} shape): a text from
     * {@code userNumber} to {@code sender}, received at {@code receivedAt}, with the identity change add-on's
     * {@code message.identity} when {@code hash} is given ({@code acknowledged} as Infobip holds it).
     */
    public static String inboundMessage(String sender, String userNumber, String messageId, java.time.Instant receivedAt,
                                        Optional<String> hash, boolean acknowledged) {
        String at = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
                .format(receivedAt.atOffset(java.time.ZoneOffset.UTC));
        String identity = hash.map(h -> ",\"identity\":{\"acknowledged\":" + acknowledged + ",\"hash\":\"" + h
                + "\",\"createdAt\":\"" + at + "\"}").orElse("");
        return "{\"results\":[{\"from\":\"" + userNumber + "\",\"to\":\"" + sender + "\",\"integrationType\":\"WHATSAPP\","
                + "\"receivedAt\":\"" + at + "\",\"messageId\":\"" + messageId + "\",\"pairedMessageId\":null,"
                + "\"callbackData\":null,\"message\":{\"type\":\"TEXT\",\"text\":\"Hello\"" + identity + "},"
                + "\"contact\":{\"name\":\"Frank\"},\"price\":{\"pricePerMessage\":0,\"currency\":\"EUR\"}}],"
                + "\"messageCount\":1,\"pendingMessageCount\":0}";
    }

    /** Infobip detected that {@code userNumber} of {@code sender} has the identity {@code hash}: it blocks until confirmed. */
    public void identityChanged(String sender, String userNumber, String hash) {
        identities.put(sender + "/" + userNumber, new Identity(hash, false));
    }

    /** Whether Infobip blocks outbound messages from {@code sender} to {@code userNumber} (an unconfirmed identity). */
    public boolean blocked(String sender, String userNumber) {
        return Optional.ofNullable(identities.get(sender + "/" + userNumber)).map(i -> !i.acknowledged()).orElse(false);
    }

    /** The messages Infobip accepted, in order. */
    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** Every confirmation that reached Infobip, in order, with the status it answered. */
    public List<Confirmation> confirmations() {
        return List.copyOf(confirmations);
    }

    /** {@code sender/messageId} of every mark-as-read, in order. */
    public List<String> readMarks() {
        return List.copyOf(readMarks);
    }
}
