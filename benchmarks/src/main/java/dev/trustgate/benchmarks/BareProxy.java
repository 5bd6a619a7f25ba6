package dev.trustgate.benchmarks;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The baseline for the drop-in send benchmark: a bare Javalin pass-through proxy that forwards the
 * Cloud API send to the same upstream and passes its answer back. {@code PORT UPSTREAM_URL}
 */
public final class BareProxy {

    private BareProxy() {
    }

    public static void main(String[] args) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String upstream = args[1];
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/{version}/{pnid}/messages", ctx -> {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(upstream + ctx.path()))
                        .header("Authorization", String.valueOf(ctx.header("Authorization")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(ctx.body())).build(), HttpResponse.BodyHandlers.ofString());
                ctx.status(response.statusCode()).contentType("application/json").result(response.body());
            });
        }).start("127.0.0.1", Integer.parseInt(args[0]));
    }
}
