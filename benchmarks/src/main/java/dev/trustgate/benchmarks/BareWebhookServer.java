package dev.trustgate.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.Json;
import dev.trustgate.adapters.http.support.WebhookSignature;
import io.javalin.Javalin;

/**
 * The baseline for the webhook ingest benchmark: a bare Javalin handler that only checks the
 * signature and parses the JSON, with no storage. {@code java -cp benchmarks.jar
 * dev.trustgate.benchmarks.BareWebhookServer PORT SECRET}
 */
public final class BareWebhookServer {

    private BareWebhookServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        WebhookSignature signature = new WebhookSignature(args[1]);
        ObjectMapper json = Json.mapper();
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/webhooks/whatsapp", ctx -> {
                byte[] body = ctx.bodyAsBytes();
                if (!signature.verify(body, ctx.header("X-Hub-Signature-256"))) {
                    ctx.status(401);
                    return;
                }
                JsonNode node = json.readTree(body);
                ctx.status(200).result(node.isObject() ? "{\"received\":true}" : "{}");
            });
        }).start("127.0.0.1", port);
    }
}
