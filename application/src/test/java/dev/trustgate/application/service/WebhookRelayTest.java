package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Kind;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Relay;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Signal;
import dev.trustgate.application.port.out.WebhookRelay;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookRelayTest extends ServiceTestSupport {

    private static final WaId STRANGER = new WaId("4915100000001");
    private static final BusinessNumberId OTHER = OTHER_BUSINESS_CUSTOMER.business();

    private void deliverAll() {
        while (services.deliverNotifications.deliverDue(10) > 0) {
            // deliver what is due
        }
    }

    private Signal change() {
        return Signal.of(Optional.of("m9"), BUSINESS, NAMES, Kind.OBSERVED, Optional.of(NEW),
                Instant.ofEpochSecond(1_750_000_500L), SignalSource.WHATSAPP_MESSAGE, Optional.empty());
    }

    @Test
    void aWebhookIsRelayedAfterItsSignalsWithTheTrustOfTheContactsItNames() {
        optIn();
        baseline();

        services.recordSignals.record(List.of(change()), List.of(new Relay(Optional.of(BUSINESS), "{\"raw\": true }",
                List.of(WA_ID, STRANGER))));
        deliverAll();

        assertThat(core.relay.relayed()).singleElement().satisfies(r -> {
            assertThat(r.rawBody()).isEqualTo("{\"raw\": true }");
            assertThat(r.trustHeader()).isEqualTo("16505551234=IDENTITY_CHANGED,4915100000001=UNVERIFIED");
        });
    }

    @Test
    void withoutARelayConfiguredNothingIsQueuedForIt() {
        core.relay.disable();

        services.recordSignals.record(List.of(), List.of(new Relay(Optional.of(BUSINESS), "{}", List.of(WA_ID)),
                new Relay(Optional.empty(), "{}", List.of())));

        assertThat(core.outbox.backlog(core.clock.now()).pending()).isZero();
    }

    @Test
    void aWebhookConcerningNoBusinessNumberGoesToTheDefaultRelayWithoutTrust() {
        services.recordSignals.record(List.of(), List.of(new Relay(Optional.empty(), "{\"template\":1}", List.of())));
        deliverAll();

        assertThat(core.relay.relayed()).singleElement().isEqualTo(new dev.trustgate.application.fakes.RecordingWebhookRelay.Relayed(
                WebhookRelay.DEFAULT_DESTINATION, "{\"template\":1}", ""));
    }

    /** The same wa_id is two customers of two business numbers: each part tells its own business's customer. */
    @Test
    void eachPartGoesToItsBusinesssRelayWithItsOwnCustomersInTheirOwnBusiness() {
        optIn();
        baseline();
        core.relay.ownRelayFor(OTHER);

        services.recordSignals.record(List.of(change()), List.of(new Relay(Optional.of(OTHER), "{\"other\":1}", List.of(WA_ID)),
                new Relay(Optional.of(BUSINESS), "{\"business\":1}", List.of(WA_ID)),
                new Relay(Optional.empty(), "{\"account\":1}", List.of())));
        deliverAll();

        assertThat(core.relay.relayedTo(WebhookRelay.destinationOf(OTHER))).singleElement().satisfies(r -> {
            assertThat(r.rawBody()).isEqualTo("{\"other\":1}");
            assertThat(r.trustHeader()).isEqualTo("16505551234=UNVERIFIED");
        });
        assertThat(core.relay.relayedTo(WebhookRelay.DEFAULT_DESTINATION)).extracting(r -> r.rawBody() + " " + r.trustHeader())
                .containsExactlyInAnyOrder("{\"business\":1} 16505551234=IDENTITY_CHANGED", "{\"account\":1} ");
    }

    @Test
    void withoutADefaultRelayOnlyBusinessesWithTheirOwnAreRelayed() {
        core.relay.withoutDefault();
        core.relay.ownRelayFor(OTHER);

        services.recordSignals.record(List.of(), List.of(new Relay(Optional.of(OTHER), "{\"other\":1}", List.of()),
                new Relay(Optional.of(BUSINESS), "{\"business\":1}", List.of()), new Relay(Optional.empty(), "{}", List.of())));
        deliverAll();

        assertThat(core.relay.relayed()).extracting(r -> r.destination() + " " + r.rawBody())
                .containsExactly(WebhookRelay.destinationOf(OTHER) + " {\"other\":1}");
    }

    @Test
    void theTrustHeaderOfHundredsOfCustomersEndsWithHowManyItLeftOut() {
        List<CustomerName> named = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            named.add(new WaId(String.valueOf(4915100000000L + i)));
        }
        named.add(named.get(0));

        services.recordSignals.record(List.of(), List.of(new Relay(Optional.of(BUSINESS), "{}", named)));
        deliverAll();

        String header = core.relay.relayed().get(0).trustHeader();
        assertThat(header).hasSizeLessThanOrEqualTo(TrustHeader.MAX_LENGTH).startsWith("4915100000000=UNVERIFIED,4915100000001=");
        String[] items = header.split(",");
        assertThat(items).as("as many as fit beside the marker").hasSize(159 + 1);
        assertThat(items[159]).isEqualTo("truncated=841");
    }

    @Test
    void aTrustHeaderThatFitsHasNoMarker() {
        List<CustomerName> named = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            named.add(new WaId(String.valueOf(4915100000000L + i)));
        }

        services.recordSignals.record(List.of(), List.of(new Relay(Optional.of(BUSINESS), "{}", named)));
        deliverAll();

        String header = core.relay.relayed().get(0).trustHeader();
        assertThat(header).hasSize(160 * "4915100000000=UNVERIFIED,".length() - 1).doesNotContain("truncated");
    }
}
