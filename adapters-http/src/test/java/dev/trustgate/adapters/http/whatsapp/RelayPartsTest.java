package dev.trustgate.adapters.http.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.fakes.WhatsAppSamples;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.WaId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which business numbers a webhook concerns, what each one's relay may carry, and whom it names in each. */
class RelayPartsTest {

    static final BusinessNumberId A = new BusinessNumberId("106540352242922");
    static final BusinessNumberId B = new BusinessNumberId("999000111");
    private final ObjectMapper json = new ObjectMapper();

    private List<RelayParts.Part> parts(String webhook, Optional<BusinessNumberId> onPremises) throws Exception {
        return RelayParts.of(json.readTree(webhook), webhook.getBytes(StandardCharsets.UTF_8), onPremises);
    }

    private List<String> changes(RelayParts.Part part, String field) throws Exception {
        List<String> values = new ArrayList<>();
        json.readTree(part.body()).path("entry").forEach(e -> e.path("changes").forEach(c -> values.add(c.at(field).asText())));
        return values;
    }

    @Test
    void aWebhookOfOneBusinessNumberIsOnePartAsReceived() throws Exception {
        String webhook = WhatsAppSamples.text("inbound-text-with-identity-hash.json");

        assertThat(parts(webhook, Optional.empty())).containsExactly(new RelayParts.Part(Optional.of(A), webhook));
    }

    @Test
    void webhooksAboutTheAccountConcernNoBusinessNumber() throws Exception {
        for (String sample : List.of("fields/message-template-status-update.json", "fields/account-update.json")) {
            String webhook = WhatsAppSamples.text(sample);

            assertThat(parts(webhook, Optional.empty())).as(sample).containsExactly(new RelayParts.Part(Optional.empty(), webhook));
        }
        String empty = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}";
        assertThat(parts(empty, Optional.empty())).containsExactly(new RelayParts.Part(Optional.empty(), empty));
    }

    @Test
    void anOnPremisesWebhookConcernsTheNumberItsUrlNames() throws Exception {
        String webhook = WhatsAppSamples.text("onprem-system-user-identity-changed.json");

        assertThat(parts(webhook, Optional.of(A))).containsExactly(new RelayParts.Part(Optional.of(A), webhook));
        assertThat(parts(webhook, Optional.empty())).containsExactly(new RelayParts.Part(Optional.empty(), webhook));
    }

    @Test
    void aWebhookOfSeveralBusinessNumbersIsSplitKeepingEverythingButTheOthersChanges() throws Exception {
        String webhook = "{\"object\":\"whatsapp_business_account\",\"extra\":{\"kept\":true},\"entry\":["
                + "{\"id\":\"1\",\"time\":17,\"changes\":[" + change(B, "b1") + "," + change(A, "a1") + "," + change(B, "b2") + "]},"
                + "{\"id\":\"2\",\"changes\":[{\"field\":\"message_template_status_update\",\"value\":{\"event\":\"APPROVED\","
                + "\"message_template_id\":1689556908129832,\"score\":1.10}}," + change(A, "a2") + "]},"
                + "{\"id\":\"3\"}]}";

        List<RelayParts.Part> parts = parts(webhook, Optional.empty());

        assertThat(parts).extracting(RelayParts.Part::business).containsExactly(Optional.of(B), Optional.of(A), Optional.empty());
        assertThat(changes(parts.get(0), "/value/messages/0/id")).containsExactly("b1", "b2");
        assertThat(changes(parts.get(1), "/value/messages/0/id")).containsExactly("a1", "a2");
        assertThat(changes(parts.get(2), "/field")).containsExactly("message_template_status_update");
        JsonNode a = json.readTree(parts.get(1).body());
        assertThat(a.path("extra").path("kept").asBoolean()).isTrue();
        assertThat(a.path("entry")).extracting(e -> e.path("id").asText()).containsExactly("1", "2");
        assertThat(a.path("entry").get(0).path("time").asInt()).isEqualTo(17);
        JsonNode account = json.readTree(parts.get(2).body());
        assertThat(account.path("entry")).extracting(e -> e.path("id").asText()).as("an entry without changes too").containsExactly("2", "3");
        assertThat(account.at("/entry/0/changes/0/value/message_template_id").asLong()).isEqualTo(1689556908129832L);
        assertThat(parts.get(2).body()).as("numbers as written").contains("\"message_template_id\":1689556908129832,\"score\":1.10}");
        assertThat(parts.get(0).body()).doesNotContain("a1").doesNotContain("a2").doesNotContain("APPROVED");
    }

    @Test
    void theTranslatorTellsWhichBusinessNumberNamesEachCustomer() throws Exception {
        String webhook = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":["
                + change(B, "b1") + "," + change(A, "a1") + "]}]}";

        WhatsAppWebhookTranslator.Translation translation = new WhatsAppWebhookTranslator(() -> Instant.parse("2026-06-01T12:00:00Z"))
                .translate(json.readTree(webhook), Optional.empty());

        assertThat(translation.namedIn(A)).containsExactly(new WaId("16505550001"));
        assertThat(translation.namedIn(B)).containsExactly(new WaId("16505550002"));
        assertThat(translation.namedIn(new BusinessNumberId("1"))).isEmpty();
    }

    /** A messages change of {@code business} with one inbound text, from a customer of its own. */
    private static String change(BusinessNumberId business, String messageId) {
        String from = business.equals(A) ? "16505550001" : "16505550002";
        return "{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\""
                + business.value() + "\"},\"contacts\":[{\"wa_id\":\"" + from + "\"}],\"messages\":[{\"from\":\"" + from
                + "\",\"id\":\"" + messageId + "\",\"timestamp\":\"1750263600\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}]}}";
    }
}
