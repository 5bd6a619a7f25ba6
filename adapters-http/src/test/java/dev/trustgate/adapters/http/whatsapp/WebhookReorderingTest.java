package dev.trustgate.adapters.http.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.RunningServer;
import dev.trustgate.application.fakes.WhatsAppSamples;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * WhatsApp delivers webhooks at least once, in no promised order, sometimes late. For a customer
 * trustgate already knows, the same identity signals delivered twice, shuffled, end in the state
 * they reach in order — and once the change is acknowledged, no redelivery blocks the customer again.
 * Each of the seeded trials uses its own customer on one server.
 */
class WebhookReorderingTest {

    private static final String BUSINESS = "106540352242922";
    private static final long T0 = 1_749_000_000L;
    private static final int TRIALS = 80;

    private final ObjectMapper json = new ObjectMapper();
    private final RunningServer server = new RunningServer();

    @AfterEach
    void stop() {
        server.close();
    }

    /** The signals about one customer, as WhatsApp would send them: two changes and what followed each. */
    private static List<String> signals(String waId) {
        return List.of(
                changeNotice(waId, "SDE=", T0 + 100, "c1"),
                status(waId, "SDE=", T0 + 110, "s1"),
                inbound(waId, "SDE=", T0 + 120, "m1"),
                changeNotice(waId, "SDI=", T0 + 200, "c2"),
                status(waId, "SDI=", T0 + 210, "s2"),
                inbound(waId, "SDI=", T0 + 220, "m2"));
    }

    @Test
    void duplicatedAndShuffledSignalsEndWhereTheyEndInOrder() throws Exception {
        String key = server.keyFor(BUSINESS);
        server.put("/v1/businesses/" + BUSINESS + "/identity-checks", RunningServer.ADMIN_KEY, "{\"enabled\":true}");

        String inOrder = "4915100000000";
        deliver(inbound(inOrder, "SDA=", T0, "m0"));
        signals(inOrder).forEach(this::deliver);
        JsonNode expected = trustOf(inOrder, key);
        assertThat(expected.get("state").asText()).isEqualTo("IDENTITY_CHANGED");
        assertThat(expected.get("pendingHash").asText()).isEqualTo("SDI=");

        Random random = new Random(20261125);
        for (int trial = 1; trial <= TRIALS; trial++) {
            String waId = "49151" + String.format("%08d", trial);
            deliver(inbound(waId, "SDA=", T0, "m0"));
            List<String> deliveries = new ArrayList<>(signals(waId));
            deliveries.addAll(signals(waId));
            Collections.shuffle(deliveries, random);
            deliveries.forEach(this::deliver);

            assertThat(trustOf(waId, key)).as("trial %d: %s", trial, deliveries).isEqualTo(expected);
        }
    }

    @Test
    void aCustomerNeverSeenBeforeIsBlockedHoweverItsFirstSignalsArrive() throws Exception {
        String key = server.keyFor(BUSINESS);
        server.put("/v1/businesses/" + BUSINESS + "/identity-checks", RunningServer.ADMIN_KEY, "{\"enabled\":true}");

        String inOrder = "4915300000000";
        signals(inOrder).forEach(this::deliver);
        JsonNode expected = blockedView(trustOf(inOrder, key));
        assertThat(expected.get("state").asText()).isEqualTo("IDENTITY_CHANGED");

        Random random = new Random(42);
        for (int trial = 1; trial <= TRIALS / 2; trial++) {
            String waId = "49153" + String.format("%08d", trial);
            List<String> deliveries = new ArrayList<>(signals(waId));
            deliveries.addAll(signals(waId));
            Collections.shuffle(deliveries, random);
            deliveries.forEach(this::deliver);

            // e.g. a delivered status naming the new identity arrives first: taken on first use, then the late
            // change notice naming that same identity still blocks
            assertThat(blockedView(trustOf(waId, key))).as("trial %d: %s", trial, deliveries).isEqualTo(expected);
        }
    }

    /** While blocked, the pin is not used; what must match is the block and the identity it waits for. */
    private static JsonNode blockedView(JsonNode view) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) view).remove("pinnedHash");
        return view;
    }

    @Test
    void noRedeliveryBlocksAnAcknowledgedCustomerAgain() throws Exception {
        String key = server.keyFor(BUSINESS);
        server.put("/v1/businesses/" + BUSINESS + "/identity-checks", RunningServer.ADMIN_KEY, "{\"enabled\":true}");
        Random random = new Random(7);
        for (int trial = 1; trial <= TRIALS / 3; trial++) {
            String waId = "49152" + String.format("%08d", trial);
            deliver(inbound(waId, "SDA=", T0, "m0"));
            signals(waId).forEach(this::deliver);
            String contact = "/v1/businesses/" + BUSINESS + "/contacts/" + waId;
            assertThat(server.post(contact + "/acknowledgements", key, "{\"identityHash\":\"SDI=\"}").statusCode()).isEqualTo(200);

            List<String> late = new ArrayList<>(signals(waId));
            late.add(inbound(waId, "SDA=", T0, "m0"));
            late.addAll(signals(waId));
            Collections.shuffle(late, random);
            late.forEach(this::deliver);

            JsonNode view = trustOf(waId, key);
            assertThat(view.get("state").asText()).as("trial %d: %s", trial, late).isEqualTo("ACKNOWLEDGED");
            assertThat(view.get("sendAllowed").asBoolean()).isTrue();
            assertThat(view.get("pinnedHash").asText()).isEqualTo("SDI=");
        }
    }

    /** What a user of the contact view cares about: state, identities, the pending change, the gate. */
    private JsonNode trustOf(String waId, String key) throws Exception {
        JsonNode view = json.readTree(server.get("/v1/businesses/" + BUSINESS + "/contacts/" + waId, key).body());
        com.fasterxml.jackson.databind.node.ObjectNode kept = json.createObjectNode();
        kept.set("state", view.get("state"));
        kept.set("sendAllowed", view.get("sendAllowed"));
        kept.set("identityHash", view.get("identityHash"));
        kept.set("pinnedHash", view.get("pinnedHash"));
        kept.set("pendingHash", view.path("pendingChange").path("identityHash"));
        return kept;
    }

    private void deliver(String body) {
        assertThat(server.signedWebhook(body.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
    }

    private static String changeNotice(String waId, String hash, long timestamp, String id) {
        return WhatsAppSamples.identityChange(waId, hash, timestamp, "wamid." + waId + id);
    }

    private static String status(String waId, String hash, long timestamp, String id) {
        return WhatsAppSamples.deliveredStatus(waId, hash, timestamp, "wamid." + waId + id);
    }

    private static String inbound(String waId, String hash, long timestamp, String id) {
        return WhatsAppSamples.inboundText(waId, hash, timestamp, "wamid." + waId + id);
    }
}
