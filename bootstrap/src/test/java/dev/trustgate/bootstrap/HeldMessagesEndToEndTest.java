package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustgate.adapters.persistence.EmbeddedPostgresServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Held messages through the assembled server, on H2 and on a real PostgreSQL, with a fake Graph API counting
 * what reaches WhatsApp: releases and discards racing over HTTP send each message once or not at all.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"H2", "PostgreSQL"})
class HeldMessagesEndToEndTest {

    private static final String PNID = "106540352242922";
    private static final String ADMIN_KEY = "tg_held_admin_key_0123456789abcdef";
    private static final String SECRET = "held-app-secret";
    private static final String CUSTOMER = "16505551234";
    private static final String CONTACT = "/v1/businesses/" + PNID + "/contacts/" + CUSTOMER;

    @Parameter
    String database;

    private final FakeGraph graph = new FakeGraph();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private LocalServer server;
    private String crm;
    private String operator;

    @BeforeEach
    void start(@TempDir Path data) {
        Map<String, String> env = LocalServer.env(database.equals("H2") ? "jdbc:h2:file:" + data.resolve("trustgate")
                : EmbeddedPostgresServer.newDatabase("held"), graph.url(), ADMIN_KEY, SECRET);
        if (!database.equals("H2")) {
            env.put("TRUSTGATE_DB_USER", "postgres");
            env.put("TRUSTGATE_DB_PASSWORD", "postgres");
        }
        server = LocalServer.start(env);
        crm = server.apiKey("crm", PNID);
        operator = server.apiKey("operator", PNID);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        server.close();
        graph.close();
    }

    /** A sensitive message to a customer the business has not authenticated: held (202), its id returned. */
    private String hold(String text) {
        HttpResponse<String> held = server.call("POST", "/v1/messages", crm, "{\"from\":\"" + PNID + "\",\"to\":\"" + CUSTOMER
                + "\",\"sensitive\":true,\"onBlocked\":\"hold\",\"message\":{\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}}");
        assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
        return server.json(held).path("heldMessageId").asText();
    }

    private void authenticate() {
        HttpResponse<String> trusted = server.call("POST", CONTACT + "/authentications", crm, "{}");
        assertThat(trusted.statusCode()).as(trusted.body()).isEqualTo(200);
    }

    @Test
    void releasesAndADiscardRacingOverHttpSendEachMessageOnceOrNotAtAll() throws Exception {
        List<String> held = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            held.add(hold("Your card PIN " + i));
        }
        authenticate();

        int sentOnce = 0;
        for (String id : held) {
            CyclicBarrier start = new CyclicBarrier(4);
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (String action : List.of("release", "release", "release", "discard")) {
                String key = action.equals("discard") ? operator : crm;
                calls.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return server.call("POST", "/v1/held-messages/" + id + "/" + action, key, null);
                }));
            }
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> call : calls) {
                answers.add(call.get(60, TimeUnit.SECONDS));
            }
            assertThat(answers).as(id + ": one call wins").filteredOn(r -> r.statusCode() == 200).hasSize(1);
            assertThat(answers).as(id + ": the others are told it lost, and how").filteredOn(r -> r.statusCode() != 200)
                    .hasSize(3).allSatisfy(r -> {
                        assertThat(r.statusCode()).isEqualTo(409);
                        JsonNode problem = server.json(r);
                        assertThat(problem.path("code").asText()).isEqualTo("conflict");
                        assertThat(problem.path("detail").asText()).matches("the message was already (released|discarded)");
                    });
            if (answers.get(0).statusCode() == 200 || answers.get(1).statusCode() == 200 || answers.get(2).statusCode() == 200) {
                sentOnce++;
            }
        }

        assertThat(graph.forwarded()).as("each release that won sent once; nothing discarded sent").hasSize(sentOnce);
        assertThat(graph.forwarded()).extracting(f -> f.body().path("text").path("body").asText()).doesNotHaveDuplicates();
        JsonNode events = server.json(server.call("GET", "/v1/businesses/" + PNID + "/events?limit=1000", crm, null)).path("events");
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).filteredOn("message.released"::equals).hasSize(sentOnce);
        assertThat(types).filteredOn("message.discarded"::equals).hasSize(held.size() - sentOnce);
    }
}
