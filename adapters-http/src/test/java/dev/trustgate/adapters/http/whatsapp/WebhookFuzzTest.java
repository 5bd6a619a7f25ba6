package dev.trustgate.adapters.http.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.adapters.http.RunningServer;
import dev.trustgate.adapters.http.support.WebhookSignature;
import dev.trustgate.application.fakes.WhatsAppSamples;
import dev.trustgate.domain.BusinessNumberId;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutator over WhatsApp's published samples, through the real webhook endpoint: unsigned or
 * wrongly signed mutants never store anything; correctly signed ones never get a 5xx. The seed is in
 * the failure message; the run is the same for the same seed.
 */
class WebhookFuzzTest {

    private static final long SEED = Long.getLong("trustgate.fuzz.seed", 20261125L);
    private static final int CASES = Integer.getInteger("trustgate.fuzz.cases", 5000);
    private static final List<String> SAMPLES = List.of("inbound-text-with-identity-hash.json",
            "status-delivered-with-identity-hash.json", "status-failed-identity-mismatch.json",
            "system-customer-identity-changed.json", "onprem-system-user-identity-changed.json");
    private static final String[] NASTY = {"", "null", "0", "-1", "1e309", "\"\"", "\"+1 (650) 555\"", "[]", "{}",
            "\"" + "A".repeat(300) + "\"", "\"\\u0000\"", "\"Qm9v$$==\"", "\"137000\"", "true", "\"16505551234\"",
            "\"999999999999999999999999\"", "[[[[[[[[[[1]]]]]]]]]]"};

    private static RunningServer server;

    @BeforeAll
    static void start() {
        server = new RunningServer();
        server.put("/v1/businesses/106540352242922/identity-checks", RunningServer.ADMIN_KEY, "{\"enabled\":true}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String mutate(String text, Random random) {
        StringBuilder s = new StringBuilder(text);
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && s.length() > 0; m++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(7)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, (char) (32 + random.nextInt(95)));
                case 2 -> s.setLength(at);
                case 3 -> {
                    int quote = s.indexOf("\"", at);
                    int end = quote < 0 ? -1 : s.indexOf("\"", quote + 1);
                    if (end > quote) {
                        s.replace(quote, end + 1, NASTY[random.nextInt(NASTY.length)]);
                    }
                }
                case 4 -> s.replace(0, s.length(), s.toString().replaceAll("\"[0-9]{5,}\"",
                        "\"" + (random.nextBoolean() ? "12" : "1" + "0".repeat(random.nextInt(25))) + "\""));
                case 5 -> s.insert(at, "{\"x\":".repeat(random.nextInt(80)));
                default -> s.replace(0, s.length(), s.toString().replace("\"type\": \"system\"", "\"type\": \"text\""));
            }
        }
        return s.toString();
    }

    @Test
    void mutatedWebhooksNeverCauseA5xxAndUnsignedOnesNeverStoreAnything() {
        Random random = new Random(SEED);
        WebhookSignature wrong = new WebhookSignature("not-the-app-secret");
        for (int i = 0; i < CASES; i++) {
            String mutant = mutate(WhatsAppSamples.text(SAMPLES.get(random.nextInt(SAMPLES.size()))), random);
            byte[] body = mutant.getBytes(StandardCharsets.UTF_8);
            String context = "seed " + SEED + ", case " + i + ": " + mutant;
            if (random.nextInt(4) == 0) {
                long eventsBefore = events();
                HttpResponse<String> refused = server.webhook(body, random.nextBoolean() ? wrong.sign(body) : null,
                        "?phone_number_id=106540352242922");
                assertThat(refused.statusCode()).as(context).isIn(401, 413);
                assertThat(events()).as(context).isEqualTo(eventsBefore);
            } else {
                HttpResponse<String> response = server.webhook(body, server.signature.sign(body), "?phone_number_id=106540352242922");
                assertThat(response.statusCode()).as(context).isLessThan(500).isIn(200, 400, 413);
            }
        }
        assertThat(server.get("/health/ready", null).statusCode()).isEqualTo(200);
        assertThat(server.core.events.verify(new BusinessNumberId("106540352242922")).valid()).isTrue();
    }

    private static long events() {
        return server.core.events.read(new BusinessNumberId("106540352242922"), 0, 100_000).size();
    }
}
