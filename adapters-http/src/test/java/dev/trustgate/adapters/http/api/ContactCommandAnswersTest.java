package dev.trustgate.adapters.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.RunningServer;
import dev.trustgate.application.fakes.WhatsAppSamples;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Kind;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Signal;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.TrustState;
import dev.trustgate.domain.WaId;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A command on a contact is answered with what the command itself did, from its own transaction. */
class ContactCommandAnswersTest {

    private static final String PNID = "106540352242922";
    private static final WaId WA_ID = new WaId("16505551234");
    private static final String CONTACT = "/v1/businesses/" + PNID + "/contacts/" + WA_ID.value();
    private static final String NEW = "Qm9vbXNoYWthbGFrYQ==";

    private final ObjectMapper json = new ObjectMapper();
    private RunningServer server;
    private String alice;

    @BeforeEach
    void blockedByAnIdentityChange() {
        server = new RunningServer();
        server.put("/v1/businesses/" + PNID + "/identity-checks", RunningServer.ADMIN_KEY, "{\"enabled\":true}");
        alice = server.keyFor(PNID);
        server.signedWebhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));
        server.signedWebhook(WhatsAppSamples.bytes("system-customer-identity-changed.json"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> acknowledge() {
        return server.post(CONTACT + "/acknowledgements", alice, "{\"identityHash\":\"" + NEW + "\"}");
    }

    private TrustState stored() {
        return server.contact(new BusinessNumberId(PNID), WA_ID).orElseThrow().state();
    }

    @Test
    void anAcknowledgementIsAnsweredWithTheStateItLeftNotWithAChangeCommittedRightAfterIt() throws Exception {
        AtomicBoolean changedAgain = new AtomicBoolean();
        server.core.transactions.afterEachCommit(() -> {
            if (stored() == TrustState.ACKNOWLEDGED && !changedAgain.getAndSet(true)) {
                server.services.recordSignals.record(List.of(Signal.of(Optional.empty(), new BusinessNumberId(PNID),
                        ContactNames.of(WA_ID), Kind.OBSERVED, Optional.of(new IdentityHash("VGhpcmRJZGVudGl0eQ==")),
                        Instant.parse("2030-01-01T00:00:00Z"), SignalSource.WHATSAPP_MESSAGE, Optional.empty())));
            }
        });

        HttpResponse<String> acknowledged = acknowledge();

        assertThat(changedAgain).as("another change committed right after the acknowledgement").isTrue();
        assertThat(stored()).isEqualTo(TrustState.IDENTITY_CHANGED);
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        JsonNode view = json.readTree(acknowledged.body());
        assertThat(view.get("state").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(view.get("sendAllowed").asBoolean()).isTrue();
        assertThat(view.get("pinnedHash").asText()).isEqualTo(NEW);
    }

    @Test
    void anAcknowledgementTakesTheKeysLookupAndOneTransactionForTheCommandAndItsAnswer() {
        int before = server.core.transactions.count();

        assertThat(acknowledge().statusCode()).isEqualTo(200);

        assertThat(server.core.transactions.count() - before).isEqualTo(2);
    }

    @Test
    void aRefusedCommandIsAProblemDocumentWithTheRefusalsCodeAndDetail() throws Exception {
        acknowledge();

        HttpResponse<String> again = acknowledge();

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(again.body());
        assertThat(problem.get("code").asText()).isEqualTo("conflict");
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("detail").asText()).isEqualTo("no identity change is pending");
        assertThat(stored()).isEqualTo(TrustState.ACKNOWLEDGED);
    }
}
