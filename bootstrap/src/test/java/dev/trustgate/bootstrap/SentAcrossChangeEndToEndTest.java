package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustgate.application.fakes.WhatsAppSamples;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The race WhatsApp's pin cannot always cover: a send allowed and committed just before an identity change
 * commits still leaves. Forced here by holding WhatsApp's answer while the change arrives: the business learns
 * which message may have reached the new owner.
 */
class SentAcrossChangeEndToEndTest {

    private static final String PNID = "106540352242922";
    private static final String ADMIN_KEY = "tg_across_change_admin_key_0123456789";
    private static final String SECRET = "across-change-app-secret";

    private final FakeGraph graph = new FakeGraph();
    private LocalServer server;
    private String key;

    @BeforeEach
    void start(@TempDir Path data) {
        server = LocalServer.start(LocalServer.env("jdbc:h2:file:" + data.resolve("trustgate"), graph.url(), ADMIN_KEY, SECRET));
        assertThat(server.call("PUT", "/v1/businesses/" + PNID + "/identity-checks", ADMIN_KEY, "{\"enabled\":true}").statusCode())
                .isEqualTo(200);
        key = server.apiKey("crm", PNID);
    }

    @AfterEach
    void stop() {
        server.close();
        graph.close();
    }

    @Test
    void aMessageThatLeftWhileTheCustomersIdentityChangedIsReportedWithItsMessageId() throws Exception {
        assertThat(server.webhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json")).statusCode()).isEqualTo(200);
        CountDownLatch answer = graph.holdAnswers();
        CompletableFuture<HttpResponse<String>> sending = CompletableFuture.supplyAsync(() -> server.call("POST", "/v1/messages", key,
                "{\"from\":\"" + PNID + "\",\"to\":\"16505551234\",\"message\":{\"type\":\"text\",\"text\":{\"body\":\"Your code\"}}}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> graph.arrived() == 1);

        assertThat(server.webhook(WhatsAppSamples.bytes("system-customer-identity-changed.json")).statusCode()).isEqualTo(200);
        answer.countDown();
        HttpResponse<String> sent = sending.get(10, TimeUnit.SECONDS);

        assertThat(sent.statusCode()).isEqualTo(200);
        String messageId = server.json(sent).path("messageId").asText();
        JsonNode events = server.json(server.call("GET", "/v1/businesses/" + PNID + "/events?limit=100", key, null)).path("events");
        assertThat(events.findValuesAsText("type")).endsWith("message.sent_across_change");
        JsonNode reported = events.get(events.size() - 1);
        assertThat(reported.path("data").path("whatsappMessageId").asText()).isEqualTo(messageId);
        assertThat(reported.path("data").path("pinnedIdentityHash").asText()).as("pinned: WhatsApp refuses it to another identity")
                .isEqualTo("DF2lS5v2W6x=");
        assertThat(reported.path("waId").asText()).isEqualTo("16505551234");
    }
}
