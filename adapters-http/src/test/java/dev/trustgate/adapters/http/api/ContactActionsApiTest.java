package dev.trustgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.RunningServer;
import dev.trustgate.application.fakes.WhatsAppSamples;
import dev.trustgate.domain.ContactAction;
import dev.trustgate.domain.EventType;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Over a real socket, the server tells its clients what they would otherwise copy: the actions the calling key may
 * take on a contact ({@code allowedActions}, decided by the domain) and every type of event, in answers and in the
 * OpenAPI document.
 */
class ContactActionsApiTest {

    private static final String BUSINESS = "106540352242922";
    private static final String CONTACT = "/v1/businesses/" + BUSINESS + "/contacts/16505551234";
    private static final String NEW_HASH = "Qm9vbXNoYWthbGFrYQ==";

    private final ObjectMapper json = new ObjectMapper();
    private final RunningServer server = new RunningServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private List<String> allowed(String key) throws Exception {
        return texts(body(server.get(CONTACT, key)).get("allowedActions"));
    }

    private void optIn(String policy) {
        assertThat(server.put("/v1/businesses/" + BUSINESS + "/identity-checks", RunningServer.ADMIN_KEY, "{\"enabled\":true}")
                .statusCode()).isEqualTo(200);
        assertThat(server.put("/v1/businesses/" + BUSINESS + "/acknowledgement-policy", RunningServer.ADMIN_KEY,
                "{\"policy\":\"" + policy + "\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void theContactViewOffersWhatTheStateAllowsAndTrustCanBeBrokenInEveryState() throws Exception {
        optIn("NONE");
        String key = server.keyFor(BUSINESS);
        server.signedWebhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));
        assertThat(allowed(key)).as("UNVERIFIED").containsExactly("record_authentication", "revoke_trust");

        server.signedWebhook(WhatsAppSamples.bytes("system-customer-identity-changed.json"));
        assertThat(allowed(key)).as("IDENTITY_CHANGED")
                .containsExactly("start_reauthentication", "acknowledge_identity_change", "revoke_trust");

        String reauthentication = body(server.post(CONTACT + "/reauthentications", key, "{}")).get("id").asText();
        assertThat(allowed(key)).as("RE_AUTHENTICATING")
                .containsExactly("cancel_reauthentication", "record_reauthentication_result", "acknowledge_identity_change",
                        "revoke_trust");

        JsonNode cancelled = body(server.call("DELETE", CONTACT + "/reauthentications/" + reauthentication, key, null));
        assertThat(texts(cancelled.get("allowedActions"))).as("a command answers with the view, the actions included")
                .containsExactly("start_reauthentication", "acknowledge_identity_change", "revoke_trust");

        JsonNode acknowledged = body(server.post(CONTACT + "/acknowledgements", key, "{\"identityHash\":\"" + NEW_HASH + "\"}"));
        assertThat(acknowledged.get("state").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(texts(acknowledged.get("allowedActions"))).containsExactly("record_authentication", "revoke_trust");

        assertThat(server.post(CONTACT + "/authentications", key, "{}").statusCode()).isEqualTo(200);
        assertThat(allowed(key)).as("TRUSTED").containsExactly("record_authentication", "revoke_trust");
    }

    @Test
    void underFourEyesTheKeyThatAcknowledgedFirstIsNotOfferedTheSecondAcknowledgement() throws Exception {
        optIn("FOUR_EYES");
        String alice = server.keyFor(BUSINESS);
        String bob = server.keyFor(BUSINESS);
        server.signedWebhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));
        server.signedWebhook(WhatsAppSamples.bytes("system-customer-identity-changed.json"));
        assertThat(allowed(alice)).as("a re-authentication must pass first").containsExactly("start_reauthentication", "revoke_trust");
        String reauthentication = body(server.post(CONTACT + "/reauthentications", alice, "{}")).get("id").asText();
        server.post(CONTACT + "/reauthentications/" + reauthentication + "/result", alice, "{\"outcome\":\"succeeded\"}");

        HttpResponse<String> first = server.post(CONTACT + "/acknowledgements", alice, "{\"identityHash\":\"" + NEW_HASH + "\"}");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(texts(body(first).get("allowedActions"))).containsExactly("cancel_reauthentication", "revoke_trust");
        assertThat(allowed(alice)).containsExactly("cancel_reauthentication", "revoke_trust");
        assertThat(allowed(bob)).containsExactly("cancel_reauthentication", "acknowledge_identity_change", "revoke_trust");
        JsonNode listedForBob = body(server.get("/v1/businesses/" + BUSINESS + "/contacts?state=RE_AUTHENTICATING", bob))
                .get("contacts").get(0);
        assertThat(texts(listedForBob.get("allowedActions"))).as("the list speaks to its caller too")
                .containsExactly("cancel_reauthentication", "acknowledge_identity_change", "revoke_trust");
    }

    @Test
    void everyTypeOfEventIsListedWithItsTitleForAnyKey() throws Exception {
        HttpResponse<String> response = server.get("/v1/event-types", server.keyFor(BUSINESS));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode types = body(response).get("eventTypes");
        assertThat(types).extracting(t -> t.get("type").asText())
                .containsExactlyElementsOf(Arrays.stream(EventType.values()).map(EventType::code).toList())
                .contains("identity.changed", "message.sent_across_change", "contact.merged");
        assertThat(types).allSatisfy(t -> assertThat(t.get("title").asText()).isNotBlank());
        assertThat(types.get(1).get("title").asText()).isEqualTo("Identity changed: messages blocked");
        assertThat(server.get("/v1/event-types", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aSubscriptionMayAskForTheListedTypesAndNothingElse() throws Exception {
        String key = server.keyFor(BUSINESS);
        List<String> listed = new ArrayList<>();
        body(server.get("/v1/event-types", key)).get("eventTypes").forEach(t -> listed.add(t.get("type").asText()));

        HttpResponse<String> every = server.post("/v1/subscriptions", key, json.writeValueAsString(
                java.util.Map.of("url", "http://127.0.0.1:9/crm", "eventTypes", listed)));
        HttpResponse<String> misspelt = server.post("/v1/subscriptions", key,
                "{\"url\":\"http://127.0.0.1:9/other\",\"eventTypes\":[\"identity.change\"]}");

        assertThat(every.statusCode()).isEqualTo(201);
        assertThat(texts(body(every).get("eventTypes"))).containsExactlyInAnyOrderElementsOf(listed);
        assertThat(misspelt.statusCode()).isEqualTo(400);
        assertThat(body(misspelt).get("code").asText()).isEqualTo("invalid_request");
        assertThat(body(misspelt).get("detail").asText()).contains("identity.change");
        assertThat(body(server.get("/v1/subscriptions", key)).get("subscriptions")).hasSize(1);
    }

    @Test
    void theOpenApiDocumentDescribesTheContactViewWithItsActionsAndEveryEventType() throws Exception {
        optIn("NONE");
        server.signedWebhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));
        JsonNode document = body(server.get("/openapi.json", null));
        JsonNode schemas = document.get("components").get("schemas");

        assertThat(texts(schemas.get("ContactAction").get("enum")))
                .containsExactlyElementsOf(Arrays.stream(ContactAction.values()).map(ContactAction::code).toList());
        assertThat(texts(schemas.get("EventType").get("enum")))
                .containsExactlyElementsOf(Arrays.stream(EventType.values()).map(EventType::code).toList());
        JsonNode contactView = schemas.get("ContactView");
        assertThat(contactView.get("properties").get("allowedActions").get("items").get("$ref").asText())
                .isEqualTo("#/components/schemas/ContactAction");
        List<String> answered = new ArrayList<>();
        for (Iterator<String> names = body(server.get(CONTACT, server.keyFor(BUSINESS))).fieldNames(); names.hasNext(); ) {
            answered.add(names.next());
        }
        List<String> described = new ArrayList<>();
        contactView.get("properties").fieldNames().forEachRemaining(described::add);
        assertThat(described).as("the schema names every field of a real answer, and only those")
                .containsExactlyElementsOf(answered);
        assertThat(document.get("paths").get("/v1/businesses/{pnid}/contacts/{customer}").get("get").get("responses").get("200")
                .get("content").get("application/json").get("schema").get("$ref").asText())
                .isEqualTo("#/components/schemas/ContactView");
        assertThat(document.get("paths").get("/v1/event-types").get("get").get("responses").get("200")
                .get("content").get("application/json").get("schema").get("$ref").asText())
                .isEqualTo("#/components/schemas/EventTypes");
    }
}
