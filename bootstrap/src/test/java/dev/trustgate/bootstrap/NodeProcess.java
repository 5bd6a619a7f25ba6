package dev.trustgate.bootstrap;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.WebhookSignature;
import dev.trustgate.testkit.OpenApiContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The built {@code trustgate.jar} as a separate operating-system process, as operators run it: started with
 * environment variables in a folder of its own (its {@code ./data} and its output live there), killed with
 * SIGKILL or stopped with SIGTERM, restarted on the same port. Its API calls are held to the OpenAPI document the
 * node serves.
 */
final class NodeProcess implements AutoCloseable {

    static final Path JAR = Path.of("..").toAbsolutePath().normalize().resolve("bootstrap/target/trustgate.jar");
    /** The start-up archive the build writes beside the jar; the README's command starts with it. */
    static final Path ARCHIVE = JAR.resolveSibling("trustgate.jsa");

    private final String name;
    private final Map<String, String> env;
    private final Path logs;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private OpenApiContract contract;
    private Process process;
    private int starts;

    NodeProcess(String name, Map<String, String> env, Path logs) {
        this.name = name;
        this.env = Map.copyOf(env);
        this.logs = logs;
        this.port = freePort();
    }

    /** Starts the node and waits until it answers ready. */
    NodeProcess start() {
        try {
            Files.createDirectories(logs);
            ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-XX:SharedArchiveFile=" + ARCHIVE, "-jar", JAR.toString())
                    .directory(logs.toFile()).redirectErrorStream(true)
                    .redirectOutput(logs.resolve(name + "-" + (++starts) + ".log").toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("TRUSTGATE_") || k.startsWith("WHATSAPP_"));
            builder.environment().putAll(env);
            builder.environment().put("TRUSTGATE_HOST", "127.0.0.1");
            builder.environment().put("TRUSTGATE_PORT", Integer.toString(port));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logs);
            }
            return ready();
        });
        return this;
    }

    boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(uri("/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no graceful stop, whatever was in flight is cut. */
    void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: the graceful stop. */
    void stop() {
        process.destroy();
        waitForExit();
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Posts a body to the WhatsApp webhook, signed with the node's app secret; -1 when the node did not answer. */
    int webhook(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            return http.send(HttpRequest.newBuilder(uri("/webhooks/whatsapp")).timeout(Duration.ofSeconds(10))
                    .header("X-Hub-Signature-256", new WebhookSignature(env.get("WHATSAPP_APP_SECRET")).sign(bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** An API call; {@code status} is -1 when the node did not answer (down, killed mid-request). */
    Answer call(String method, String path, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpRequest sent = request.build();
            HttpResponse<String> response = http.send(sent, HttpResponse.BodyHandlers.ofString());
            contract().ifPresent(contract -> contract.check(sent, response));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }

    /** The OpenAPI document the node serves, which its answers are held to; empty while the node does not answer. */
    private Optional<OpenApiContract> contract() throws InterruptedException {
        if (contract == null) {
            try {
                contract = OpenApiContract.of(http.send(HttpRequest.newBuilder(uri("/openapi.json")).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString()).body());
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.of(contract);
    }

    /** What a node answered. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    int port() {
        return port;
    }

    /** What the node printed since its latest start (its banner, its log). */
    String output() {
        try {
            return Files.readString(logs.resolve(name + "-" + starts + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
