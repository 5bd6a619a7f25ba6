package dev.trustgate.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.notify.StandardWebhooksVerifier;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** The business's CRM: receives trust events and accepts only those whose Standard Webhooks signature verifies. */
final class FakeCrm implements AutoCloseable {

    /** An event as the CRM received it. */
    record Received(String webhookId, String type, String waId, long sequence, JsonNode body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicBoolean gone = new AtomicBoolean();
    private final Javalin server;
    private volatile byte[] secret = new byte[0];

    FakeCrm() {
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/hooks", this::receive);
        }).start("127.0.0.1", 0);
    }

    private void receive(Context ctx) throws Exception {
        if (down.get() || gone.get()) {
            ctx.status(gone.get() ? 410 : 503);
            return;
        }
        String id = ctx.header("webhook-id");
        String timestamp = ctx.header("webhook-timestamp");
        if (!StandardWebhooksVerifier.verifies(secret, id, timestamp, ctx.body(), ctx.header("webhook-signature"))) {
            rejected.add(id);
            ctx.status(400);
            return;
        }
        JsonNode body = json.readTree(ctx.body());
        received.add(new Received(id, body.get("type").asText(), body.get("data").get("waId").asText(),
                body.get("data").get("sequence").asLong(), body));
        ctx.status(204);
    }

    void useSecret(String whsec) {
        secret = StandardWebhooksVerifier.key(whsec);
    }

    void setDown(boolean isDown) {
        down.set(isDown);
    }

    /** Answers 410 Gone, as an endpoint that was removed. */
    void setGone(boolean isGone) {
        gone.set(isGone);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<String> rejected() {
        return List.copyOf(rejected);
    }

    String url() {
        return "http://127.0.0.1:" + server.port() + "/hooks";
    }

    @Override
    public void close() {
        server.stop();
    }
}
