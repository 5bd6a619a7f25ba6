package com.example.notifications;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WhatsApp's Graph API on a local port (the JDK's own HTTP server), answering sends and the identity-check setting in
 * the published shapes, and remembering every request.
 */
final class FakeGraphApi implements AutoCloseable {

    /** One request as WhatsApp received it. */
    record Request(String path, String authorization, String body) {
    }

    private static final Pattern TO = Pattern.compile("\"to\"\\s*:\\s*\"\\+?([0-9]+)\"");

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    private FakeGraphApi(HttpServer server) {
        this.server = server;
    }

    static FakeGraphApi start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeGraphApi fake = new FakeGraphApi(server);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                fake.requests.add(new Request(path, exchange.getRequestHeaders().getFirst("Authorization"), body));
                String answer;
                if (path.endsWith("/settings")) {
                    answer = "{\"success\":true}";
                } else {
                    Matcher to = TO.matcher(body);
                    String waId = to.find() ? to.group(1) : "0";
                    answer = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + waId + "\",\"wa_id\":\"" + waId
                            + "\"}],\"messages\":[{\"id\":\"wamid.FAKE" + fake.ids.incrementAndGet() + "\"}]}";
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Graph API with its version, as the service is configured with it. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v25.0");
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The message sends WhatsApp received, in order. */
    List<Request> messages() {
        return requests.stream().filter(r -> r.path().endsWith("/messages")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
