package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.trustgate.adapters.http.support.WebhookSignature;
import dev.trustgate.application.fakes.WhatsAppSamples;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Runs a whole flow and reads every log line it produced: no secret, key, token or full phone number. */
class LogHygieneTest {

    private static final String ADMIN_KEY = "tg_log_hygiene_admin_key_0123456789";
    private static final String APP_SECRET = "log-hygiene-app-secret";
    private static final String ACCESS_TOKEN = "EAAG-log-hygiene-token";

    @Test
    void logsNeverContainSecretsOrFullPhoneNumbers(@TempDir Path data) throws Exception {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        captured.start();
        root.addAppender(captured);
        HttpClient http = HttpClient.newHttpClient();
        try (FakeGraph graph = new FakeGraph()) {
            Map<String, String> env = LocalServer.env("jdbc:h2:file:" + data.resolve("db"), graph.url(), ADMIN_KEY, APP_SECRET);
            env.put("TRUSTGATE_DB_PASSWORD", "db-password-never-logged");
            env.put("WHATSAPP_ACCESS_TOKEN", ACCESS_TOKEN);
            env.put("WHATSAPP_VERIFY_TOKEN", "verify-token-never-logged");
            try (TrustgateServer server = TrustgateServer.start(Config.load(env, Optional.empty()))) {
                String base = "http://127.0.0.1:" + server.port();
                http.send(HttpRequest.newBuilder(URI.create(base + "/v1/businesses/106540352242922/identity-checks"))
                        .header("Authorization", "Bearer " + ADMIN_KEY).PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                for (String sample : new String[] {"inbound-text-with-identity-hash.json", "system-customer-identity-changed.json"}) {
                    byte[] body = WhatsAppSamples.bytes(sample);
                    http.send(HttpRequest.newBuilder(URI.create(base + "/webhooks/whatsapp"))
                            .header("X-Hub-Signature-256", new WebhookSignature(APP_SECRET).sign(body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                }
                http.send(HttpRequest.newBuilder(URI.create(base + "/v1/businesses/106540352242922/contacts/16505551234"))
                        .header("Authorization", "Bearer " + ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
                http.send(HttpRequest.newBuilder(URI.create(base + "/v1/messages")).header("Authorization", "Bearer " + ADMIN_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"106540352242922\",\"to\":\"16505551234\","
                                + "\"message\":{\"type\":\"text\",\"text\":{\"body\":\"hi\"}}}")).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
        } finally {
            root.detachAppender(captured);
        }

        assertThat(captured.list).as("the flow logged something").isNotEmpty();
        assertThat(captured.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("*******1234"));
        for (ILoggingEvent event : captured.list) {
            String line = event.getFormattedMessage() + " " + event.getMDCPropertyMap()
                    + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage());
            assertThat(line).doesNotContain("16505551234").doesNotContain(ADMIN_KEY).doesNotContain(APP_SECRET)
                    .doesNotContain(ACCESS_TOKEN).doesNotContain("db-password-never-logged")
                    .doesNotContain("verify-token-never-logged");
        }
    }
}
