package dev.trustgate.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.fakes.WhatsAppSamples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or broken client can send: oversized bodies (declared or streamed), deep JSON nesting,
 * huge strings and headers, connections that stall. Each gets a 4xx problem (or is cut off), changes
 * nothing, and the server stays healthy for everyone else.
 */
class LimitsTest {

    private static final String BUSINESS = "106540352242922";
    private static final String CONTACT = "/v1/businesses/" + BUSINESS + "/contacts/16505551234";

    private final ObjectMapper json = new ObjectMapper();
    private final RunningServer server = new RunningServer(Duration.ofSeconds(1));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void oversizedWebhooksAre413WhetherDeclaredOrStreamedAndStoreNothing() throws Exception {
        RunningServer.RawAnswer declared = RunningServer.declaringBody(server.server.port(), "POST", "/webhooks/whatsapp",
                java.util.Map.of("Content-Type", "application/json", "X-Hub-Signature-256", "sha256=" + "0".repeat(64)), 200 * 1024);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(json.readTree(declared.body()).get("code").asText()).isEqualTo("payload_too_large");

        // no Content-Length: 10 MB streamed in chunks. The server reads at most its limit, then answers 413 and
        // closes the connection; a client still uploading may only see the close.
        InputStream endless = new ByteArrayInputStream(new byte[10 * 1024 * 1024]);
        try {
            HttpResponse<String> streamed = server.http.send(HttpRequest.newBuilder(server.uri("/webhooks/whatsapp"))
                    .header("X-Hub-Signature-256", "sha256=00").POST(HttpRequest.BodyPublishers.ofInputStream(() -> endless))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(streamed.statusCode()).isEqualTo(413);
        } catch (IOException closed) {
            assertThat(endless.available()).as("the server stopped reading long before the end").isPositive();
        }
        assertThat(server.core.events.read(new dev.trustgate.domain.BusinessNumberId(BUSINESS), 0, 10)).isEmpty();
        assertHealthy();
    }

    @Test
    void anApiBodyOverTheLimitIs413() throws Exception {
        String key = server.keyFor(BUSINESS);
        String body = "{\"identityHash\":\"" + "A".repeat(2 * 1024 * 1024) + "\"}";
        HttpResponse<String> response = server.post(CONTACT + "/acknowledgements", key, body);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json.readTree(response.body()).get("code").asText()).isEqualTo("payload_too_large");
        assertHealthy();
    }

    @Test
    void deepNestingIsAClear400EvenWhenSignedCorrectly() throws Exception {
        String deep = "{\"object\":\"whatsapp_business_account\",\"entry\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}";
        byte[] body = deep.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> webhook = server.webhook(body, server.signature.sign(body), "");
        assertThat(webhook.statusCode()).isEqualTo(400);

        String key = server.keyFor(BUSINESS);
        HttpResponse<String> api = server.post(CONTACT + "/acknowledgements", key,
                "{\"identityHash\":" + "[".repeat(300_000) + "]".repeat(300_000) + "}");
        assertThat(api.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(api.body());
        assertThat(problem.get("code").asText()).isEqualTo("invalid_request");
        assertThat(problem.get("detail").asText()).hasSizeLessThan(500);
        assertHealthy();
    }

    @Test
    void hugeStringsAreRefusedByNameAndChangeNothing() throws Exception {
        server.put("/v1/businesses/" + BUSINESS + "/identity-checks", RunningServer.ADMIN_KEY, "{\"enabled\":true}");
        server.signedWebhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));
        server.signedWebhook(WhatsAppSamples.bytes("system-customer-identity-changed.json"));
        String key = server.keyFor(BUSINESS);
        long version = json.readTree(server.get(CONTACT, key).body()).get("version").asLong();

        HttpResponse<String> response = server.post(CONTACT + "/acknowledgements", key,
                "{\"identityHash\":\"Qm9vbXNoYWthbGFrYQ==\",\"evidence\":\"" + "x".repeat(900_000) + "\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("detail").asText()).contains("evidence").hasSizeLessThan(500);
        JsonNode after = json.readTree(server.get(CONTACT, key).body());
        assertThat(after.get("version").asLong()).isEqualTo(version);
        assertThat(after.get("state").asText()).isEqualTo("IDENTITY_CHANGED");

        HttpResponse<String> longHash = server.post(CONTACT + "/acknowledgements", key,
                "{\"identityHash\":\"" + "Q".repeat(100_000) + "\"}");
        assertThat(longHash.statusCode()).isEqualTo(400);
        assertThat(json.readTree(longHash.body()).get("detail").asText()).hasSizeLessThan(500);
    }

    @Test
    void aHugeHeaderIsRefusedWithoutHarm() throws Exception {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/health/live"))
                .header("X-Padding", "p".repeat(64 * 1024)).build());
        assertThat(response.statusCode()).isEqualTo(431);
        assertHealthy();
    }

    @Test
    void stalledClientsAreCutOffAndHoldNothingFromOthers() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                Socket socket = new Socket("127.0.0.1", server.server.port());
                OutputStream out = socket.getOutputStream();
                if (i % 2 == 0) {
                    // headers never finished
                    out.write("POST /webhooks/whatsapp HTTP/1.1\r\nHost: x\r\nContent-Le".getBytes(StandardCharsets.US_ASCII));
                } else {
                    // a body promised and never sent
                    out.write(("POST /webhooks/whatsapp HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n"
                            + "X-Hub-Signature-256: sha256=00\r\n\r\n{\"obj").getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
                slow.add(socket);
            }
            assertHealthy();
            // the idle timeout (1 s here, 30 s by default) closes every stalled connection
            for (Socket socket : slow) {
                socket.setSoTimeout(10_000);
                await().atMost(Duration.ofSeconds(15)).until(() -> closedByServer(socket));
            }
            assertHealthy();
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /** Reads what the server sends until it closes the connection. */
    private static boolean closedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (true) {
            if (in.read(buffer) < 0) {
                return true;
            }
        }
    }

    private void assertHealthy() {
        HttpResponse<String> live = server.send(HttpRequest.newBuilder(server.uri("/health/live"))
                .timeout(Duration.ofSeconds(5)).build());
        assertThat(live.statusCode()).isEqualTo(200);
    }
}
