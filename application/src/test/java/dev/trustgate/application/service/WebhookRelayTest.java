package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Kind;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Relay;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Signal;
import dev.trustgate.domain.WaId;
import dev.trustgate.domain.SignalSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookRelayTest extends ServiceTestSupport {

    private static final WaId STRANGER = new WaId("4915100000001");

    @Test
    void aWebhookIsRelayedAfterItsSignalsWithTheTrustOfTheContactsItNames() {
        optIn();
        baseline();
        Signal change = Signal.of(Optional.of("m9"), BUSINESS, NAMES, Kind.OBSERVED, Optional.of(NEW),
                Instant.ofEpochSecond(1_750_000_500L), SignalSource.WHATSAPP_MESSAGE, Optional.empty());

        services.recordSignals.record(List.of(change), Optional.of(new Relay(BUSINESS, "{\"raw\": true }",
                List.of(WA_ID, STRANGER))));
        while (services.deliverNotifications.deliverDue(10) > 0) {
            // deliver what is due
        }

        assertThat(core.relay.relayed()).singleElement().satisfies(r -> {
            assertThat(r.rawBody()).isEqualTo("{\"raw\": true }");
            assertThat(r.trustHeader()).isEqualTo("16505551234=IDENTITY_CHANGED,4915100000001=UNVERIFIED");
        });
    }

    @Test
    void withoutARelayConfiguredNothingIsQueuedForIt() {
        core.relay.disable();

        services.recordSignals.record(List.of(), Optional.of(new Relay(BUSINESS, "{}", List.of(WA_ID))));

        assertThat(core.outbox.backlog(core.clock.now()).pending()).isZero();
    }
}
