package dev.trustgate.bootstrap;

import dev.trustgate.adapters.http.support.WebhookSignature;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A business's own WhatsApp app behind trustgate: takes relayed webhooks on any path, checks their
 * {@code X-Hub-Signature-256} as the app always did, and keeps what it received.
 */
final class FakeWhatsAppApp implements AutoCloseable {

    /** One relayed webhook as the app received it. */
    record Received(String path, byte[] body, boolean signatureValid, String trust) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Javalin server;

    FakeWhatsAppApp(String appSecret) {
        WebhookSignature appsOwnCheck = new WebhookSignature(appSecret);
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/{path}", ctx -> {
                byte[] body = ctx.bodyAsBytes();
                received.add(new Received("/" + ctx.pathParam("path"), body, appsOwnCheck.verify(body,
                        ctx.header("X-Hub-Signature-256")), ctx.header("X-Trustgate-Trust")));
                ctx.status(200);
            });
        }).start("127.0.0.1", 0);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> receivedAt(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
