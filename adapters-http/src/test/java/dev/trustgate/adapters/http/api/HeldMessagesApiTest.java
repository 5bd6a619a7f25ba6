package dev.trustgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.RunningServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Held messages are bounded: listed a page at a time ({@code limit}, {@code after}, {@code next}), and a
 * customer holds at most 100 at once — the next is refused with 429 {@code too_many_held_messages}.
 */
class HeldMessagesApiTest {

    private static final String PNID = "106540352242922";
    private static final String CONTACT = "/v1/businesses/" + PNID + "/contacts/16505551234";

    private final ObjectMapper json = new ObjectMapper();
    private RunningServer server;
    private String key;

    @BeforeEach
    void start() {
        server = new RunningServer();
        key = server.keyFor(PNID);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    /** A sensitive message to a customer nobody authenticated: held while the customer is not trusted. */
    private HttpResponse<String> hold(String to, int n) {
        server.core.clock.advance(Duration.ofSeconds(1));
        return server.post("/v1/messages", key, "{\"from\":\"" + PNID + "\",\"to\":\"" + to + "\",\"sensitive\":true,"
                + "\"onBlocked\":\"hold\",\"message\":{\"type\":\"text\",\"text\":{\"body\":\"Your code " + n + "\"}}}");
    }

    private List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("heldMessages").forEach(m -> ids.add(m.get("id").asText()));
        return ids;
    }

    @Test
    void heldMessagesAreListedOldestFirstAPageAtATime() throws Exception {
        List<String> held = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            HttpResponse<String> response = hold("16505551234", n);
            assertThat(response.statusCode()).isEqualTo(202);
            held.add(body(response).get("heldMessageId").asText());
        }

        JsonNode first = body(server.get(CONTACT + "/held-messages?limit=2", key));
        assertThat(ids(first)).containsExactlyElementsOf(held.subList(0, 2));
        assertThat(first.get("next").asText()).isEqualTo(held.get(1));
        JsonNode second = body(server.get(CONTACT + "/held-messages?limit=2&after=" + first.get("next").asText(), key));
        assertThat(ids(second)).containsExactlyElementsOf(held.subList(2, 4));
        JsonNode last = body(server.get(CONTACT + "/held-messages?limit=2&after=" + second.get("next").asText(), key));
        assertThat(ids(last)).containsExactly(held.get(4));
        assertThat(last.get("next").isNull()).as("no page after the last").isTrue();

        JsonNode all = body(server.get(CONTACT + "/held-messages", key));
        assertThat(ids(all)).as("100 by default").containsExactlyElementsOf(held);
        assertThat(ids(body(server.get(CONTACT + "/held-messages?limit=100000", key)))).as("clamped, not refused")
                .containsExactlyElementsOf(held);
    }

    @Test
    void aCursorThatIsNotOneOfTheContactsHeldMessagesIsABadRequest() throws Exception {
        hold("16505551234", 1);
        String elsewhere = body(hold("16505559999", 2)).get("heldMessageId").asText();

        for (String query : List.of("?after=held_nonexistent", "?after=" + elsewhere, "?limit=0", "?limit=many",
                "?after=" + "x".repeat(65))) {
            HttpResponse<String> refused = server.get(CONTACT + "/held-messages" + query, key);
            assertThat(refused.statusCode()).as(query).isEqualTo(400);
            assertThat(body(refused).get("code").asText()).isEqualTo("invalid_request");
        }
    }

    @Test
    void aCustomerHoldsAtMostAHundredMessagesUntilSomeAreReleasedOrDiscarded() throws Exception {
        String firstHeld = null;
        for (int n = 0; n < 100; n++) {
            HttpResponse<String> held = hold("16505551234", n);
            assertThat(held.statusCode()).as("message " + n).isEqualTo(202);
            firstHeld = firstHeld == null ? body(held).get("heldMessageId").asText() : firstHeld;
        }

        HttpResponse<String> full = hold("16505551234", 100);

        assertThat(full.statusCode()).isEqualTo(429);
        assertThat(full.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = body(full);
        assertThat(problem.get("code").asText()).isEqualTo("too_many_held_messages");
        assertThat(problem.get("limit").asInt()).isEqualTo(100);
        assertThat(problem.get("detail").asText()).contains("100").contains("release or discard");
        assertThat(body(server.get(CONTACT, key)).get("heldMessages").asInt()).as("nothing more was held").isEqualTo(100);
        assertThat(hold("16505559999", 1).statusCode()).as("another customer is not affected").isEqualTo(202);

        assertThat(server.post("/v1/held-messages/" + firstHeld + "/discard", key, null).statusCode()).isEqualTo(200);
        assertThat(hold("16505551234", 101).statusCode()).as("room again").isEqualTo(202);
    }
}
