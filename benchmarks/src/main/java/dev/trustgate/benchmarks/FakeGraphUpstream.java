package dev.trustgate.benchmarks;

import io.javalin.Javalin;
import java.util.concurrent.atomic.AtomicLong;

/** A Graph API stand-in for load runs: accepts every send and setting at once. {@code PORT} */
public final class FakeGraphUpstream {

    private FakeGraphUpstream() {
    }

    public static void main(String[] args) {
        AtomicLong ids = new AtomicLong();
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/{version}/{pnid}/messages", ctx -> ctx.contentType("application/json").result(
                    "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.load" + ids.incrementAndGet() + "\"}]}"));
            config.routes.post("/{version}/{pnid}/settings", ctx -> ctx.contentType("application/json").result("{\"success\":true}"));
        }).start("127.0.0.1", Integer.parseInt(args[0]));
    }
}
