package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.fakes.WhatsAppSamples;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WhatsApp in trouble — 500s, 429s, no answer — seen from the business: each send fails with a clear
 * {@code upstream_error} within the configured timeout, none is sent twice, and after five failures in a
 * row the circuit opens (sends fail at once, nothing reaches WhatsApp) until a trial send succeeds.
 */
class WhatsAppOutageTest {

    private static final String PNID = "106540352242922";
    private static final String ADMIN_KEY = "tg_outage_admin_key_0123456789abcdef";
    private static final String SECRET = "outage-app-secret";

    private final ObjectMapper json = new ObjectMapper();
    private final FakeGraph graph = new FakeGraph();
    private LocalServer server;

    @BeforeEach
    void start(@TempDir Path data) {
        Map<String, String> env = LocalServer.env("jdbc:h2:file:" + data.resolve("trustgate"), graph.url(), ADMIN_KEY, SECRET);
        env.put("WHATSAPP_TIMEOUT_SECONDS", "1");
        server = LocalServer.start(env);
        assertThat(call("PUT", "/v1/businesses/" + PNID + "/identity-checks", "{\"enabled\":true}").statusCode()).isEqualTo(200);
        assertThat(server.webhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json")).statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
        graph.close();
    }

    @Test
    void failingSendsAreClearErrorsNeverRepeatedAndTheCircuitOpensAndCloses() throws Exception {
        graph.failWith(500);
        assertUpstreamError(send(), 500);
        graph.failWith(429);
        assertUpstreamError(send(), 429);
        assertThat(graph.arrived()).as("a 500 may have been sent: never retried; a 429 within budget may be").isBetween(2, 4);

        CountDownLatch hung = graph.holdAnswers();
        graph.failWith(0);
        long started = System.nanoTime();
        HttpResponse<String> timedOut = send();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        hung.countDown();
        assertThat(timedOut.statusCode()).isEqualTo(502);
        JsonNode problem = json.readTree(timedOut.body());
        assertThat(problem.get("code").asText()).isEqualTo("upstream_error");
        assertThat(problem.get("mayHaveBeenSent").asBoolean()).as("it reached WhatsApp: the caller must not blindly resend")
                .isTrue();
        assertThat(took).as("answered within the 1 s timeout, not WhatsApp's pace").isLessThan(Duration.ofSeconds(5));

        graph.failWith(500);
        send();
        send();
        int reached = graph.arrived();
        HttpResponse<String> open = send();
        assertThat(open.statusCode()).isEqualTo(502);
        assertThat(json.readTree(open.body()).get("detail").asText()).contains("circuit open");
        assertThat(json.readTree(open.body()).get("mayHaveBeenSent").asBoolean()).isFalse();
        assertThat(graph.arrived()).as("nothing reaches WhatsApp while the circuit is open").isEqualTo(reached);

        graph.failWith(0);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> send().statusCode() == 200);
        assertThat(send().statusCode()).as("closed again").isEqualTo(200);
        assertThat(graph.forwarded()).extracting(f -> f.body().path("text").path("body").asText())
                .as("each successful send forwarded once").doesNotHaveDuplicates();
    }

    private void assertUpstreamError(HttpResponse<String> response, int upstream) throws Exception {
        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo("upstream_error");
        assertThat(problem.get("upstreamStatus").asInt()).isEqualTo(upstream);
    }

    private HttpResponse<String> send() throws Exception {
        return call("POST", "/v1/messages", "{\"from\":\"" + PNID + "\",\"to\":\"16505551234\","
                + "\"message\":{\"type\":\"text\",\"text\":{\"body\":\"" + java.util.UUID.randomUUID() + "\"}}}");
    }

    private HttpResponse<String> call(String method, String path, String body) {
        return server.call(method, path, ADMIN_KEY, body);
    }
}
