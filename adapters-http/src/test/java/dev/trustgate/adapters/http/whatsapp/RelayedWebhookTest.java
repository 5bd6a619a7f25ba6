package dev.trustgate.adapters.http.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.adapters.http.RunningServer;
import dev.trustgate.application.Caller;
import dev.trustgate.application.fakes.WhatsAppSamples;
import dev.trustgate.application.port.in.OptInToIdentityChecksUseCase;
import dev.trustgate.application.port.out.WebhookRelay;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.TrustState;
import dev.trustgate.domain.WaId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the relay passes on of each verified webhook, and the trust it reports with it (DESIGN §6). */
class RelayedWebhookTest {

    static final BusinessNumberId BUSINESS = new BusinessNumberId("106540352242922");
    static final WaId CUSTOMER = new WaId("16505551234");

    private RunningServer server;

    @BeforeEach
    void start() {
        server = new RunningServer();
        server.services.optIn.setIdentityChecks(new OptInToIdentityChecksUseCase.Command(Caller.admin(new Actor("admin")),
                BUSINESS, true));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void deliverAll() {
        while (server.services.deliverNotifications.deliverDue(10) > 0) {
            // deliver what is due
        }
    }

    /**
     * One webhook may carry changes for several of a WABA's phone numbers. X-Trustgate-Trust must tell each
     * customer's state in the business number that names it: a customer this very webhook just blocked must not
     * be reported UNVERIFIED because another number's change came first.
     */
    @Test
    void theTrustHeaderReportsEachCustomerInTheBusinessNumberThatNamesIt() {
        server.signedWebhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));
        String otherNumbersChange = "{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                + "\"metadata\":{\"display_phone_number\":\"15550000000\",\"phone_number_id\":\"999000111\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Other\"},\"wa_id\":\"4915100000001\"}],"
                + "\"messages\":[{\"from\":\"4915100000001\",\"id\":\"wamid.other1\",\"timestamp\":\"1750263600\","
                + "\"type\":\"text\",\"text\":{\"body\":\"hi\"}}]}}";
        String webhook = WhatsAppSamples.text("system-customer-identity-changed.json")
                .replace("\"changes\": [{", "\"changes\": [" + otherNumbersChange + ", {");

        assertThat(server.signedWebhook(webhook.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        assertThat(server.contact(BUSINESS, CUSTOMER).orElseThrow().state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        deliverAll();

        assertThat(server.core.relay.relayed()).last().satisfies(r ->
                assertThat(r.trustHeader()).contains("16505551234=IDENTITY_CHANGED"));
    }

    /** The business number with a relay of its own gets only its part; the default one gets only the other's. */
    @Test
    void aBusinessNumberWithARelayOfItsOwnGetsOnlyItsPartAndItsOwnCustomers() {
        BusinessNumberId other = new BusinessNumberId("999000111");
        server.core.relay.ownRelayFor(other);
        server.signedWebhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));
        String otherNumbersChange = "{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                + "\"metadata\":{\"display_phone_number\":\"15550000000\",\"phone_number_id\":\"999000111\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Other\"},\"wa_id\":\"4915100000001\"}],"
                + "\"messages\":[{\"from\":\"4915100000001\",\"id\":\"wamid.other1\",\"timestamp\":\"1750263600\","
                + "\"type\":\"text\",\"text\":{\"body\":\"hi\"}}]}}";
        String webhook = WhatsAppSamples.text("system-customer-identity-changed.json")
                .replace("\"changes\": [{", "\"changes\": [" + otherNumbersChange + ", {");

        assertThat(server.signedWebhook(webhook.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        deliverAll();

        assertThat(server.core.relay.relayedTo(WebhookRelay.destinationOf(other))).singleElement().satisfies(r -> {
            assertThat(r.rawBody()).contains("4915100000001").doesNotContain("16505551234");
            assertThat(r.trustHeader()).isEqualTo("4915100000001=UNVERIFIED");
        });
        assertThat(server.core.relay.relayedTo(WebhookRelay.DEFAULT_DESTINATION)).last().satisfies(r -> {
            assertThat(r.rawBody()).contains("customer_identity_changed").doesNotContain("4915100000001");
            assertThat(r.trustHeader()).isEqualTo("16505551234=IDENTITY_CHANGED");
        });
    }

    @Test
    void aTemplateStatusWebhookIsRelayedAsItCame() {
        byte[] body = WhatsAppSamples.bytes("fields/message-template-status-update.json");

        assertThat(server.signedWebhook(body).statusCode()).isEqualTo(200);
        deliverAll();

        assertThat(server.core.relay.relayed()).singleElement().satisfies(r -> {
            assertThat(r.rawBody()).isEqualTo(new String(body, StandardCharsets.UTF_8));
            assertThat(r.trustHeader()).isEmpty();
        });
    }

    @Test
    void anOnPremisesWebhookWithoutItsNumberIsRelayedAsItCame() {
        byte[] body = WhatsAppSamples.bytes("onprem-system-user-identity-changed.json");

        assertThat(server.webhook(body, server.signature.sign(body), "").statusCode()).isEqualTo(200);
        deliverAll();

        assertThat(server.core.relay.relayed()).singleElement().satisfies(r ->
                assertThat(r.rawBody()).isEqualTo(new String(body, StandardCharsets.UTF_8)));
    }

    @Test
    void theTrustHeaderOfAWebhookNamingTwoHundredCustomersStaysWithin4000Characters() {
        StringBuilder contacts = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            contacts.append(i == 0 ? "" : ",").append("{\"wa_id\":\"").append(4915100000000L + i).append("\"}");
        }
        String webhook = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"metadata\":{\"phone_number_id\":\"" + BUSINESS.value() + "\"},\"contacts\":[" + contacts + "]}}]}]}";

        assertThat(server.signedWebhook(webhook.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        deliverAll();

        assertThat(server.core.relay.relayed()).singleElement().satisfies(r -> {
            assertThat(r.rawBody()).isEqualTo(webhook);
            assertThat(r.trustHeader()).hasSizeLessThanOrEqualTo(4000).startsWith("4915100000000=UNVERIFIED,")
                    .endsWith(",truncated=" + (200 - (r.trustHeader().split(",").length - 1)));
        });
    }
}
