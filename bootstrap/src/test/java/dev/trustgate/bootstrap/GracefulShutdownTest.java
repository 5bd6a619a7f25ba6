package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.trustgate.adapters.persistence.DatabaseSettings;
import dev.trustgate.adapters.persistence.JdbiStorage;
import dev.trustgate.application.port.out.SentMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Stopping trustgate lets a request in flight finish, with everything it decided recorded. */
class GracefulShutdownTest {

    private static final String ADMIN_KEY = "tg_graceful_admin_key_0123456789";

    @Test
    void stoppingIsLoggedFromTheFirstStepToTheLast(@TempDir Path data) {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        captured.start();
        root.addAppender(captured);
        try {
            Map<String, String> env = new HashMap<>();
            env.put("TRUSTGATE_HOST", "127.0.0.1");
            env.put("TRUSTGATE_PORT", "0");
            env.put("TRUSTGATE_DB_URL", "jdbc:h2:file:" + data.resolve("db"));
            env.put("TRUSTGATE_ADMIN_KEY", ADMIN_KEY);
            TrustgateServer.start(Config.load(env, Optional.empty())).close();
        } finally {
            root.detachAppender(captured);
        }

        assertThat(captured.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).startsWith("stopping:"))
                .last().satisfies(line -> assertThat(line).startsWith("stopped"));
    }

    @Test
    void aSendInFlightDuringShutdownCompletesAndIsRecorded(@TempDir Path data) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String dbUrl = "jdbc:h2:file:" + data.resolve("db");
        try (FakeGraph graph = new FakeGraph()) {
            Map<String, String> env = new HashMap<>();
            env.put("TRUSTGATE_HOST", "127.0.0.1");
            env.put("TRUSTGATE_PORT", "0");
            env.put("TRUSTGATE_DB_URL", dbUrl);
            env.put("WHATSAPP_ACCESS_TOKEN", "EAAG");
            env.put("WHATSAPP_APP_SECRET", "s");
            env.put("WHATSAPP_VERIFY_TOKEN", "v");
            env.put("WHATSAPP_GRAPH_URL", graph.url());
            env.put("TRUSTGATE_ADMIN_KEY", ADMIN_KEY);
            TrustgateServer server = TrustgateServer.start(Config.load(env, Optional.empty()));
            String base = "http://127.0.0.1:" + server.port();
            CountDownLatch release = graph.holdAnswers();

            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/messages"))
                    .header("Authorization", "Bearer " + ADMIN_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"106540352242922\",\"to\":\"16505551234\","
                            + "\"message\":{\"type\":\"text\",\"text\":{\"body\":\"hi\"}}}")).build(), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> graph.arrived() == 1);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
            release.countDown();

            assertThat(inFlight.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            stopping.get(30, TimeUnit.SECONDS);
        }
        try (JdbiStorage storage = JdbiStorage.open(DatabaseSettings.of(dbUrl, null, null))) {
            assertThat(storage.transactions.inTransaction(() -> storage.messages.findSentByWhatsAppId("wamid.fake1")))
                    .hasValueSatisfying(m -> assertThat(m.status()).isEqualTo(SentMessage.Status.SENT));
        }
    }
}
