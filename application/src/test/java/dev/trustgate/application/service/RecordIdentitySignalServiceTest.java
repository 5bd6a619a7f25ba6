package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;

import dev.trustgate.application.port.in.AcknowledgeIdentityChangeUseCase;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Kind;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Outcome;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Signal;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase.OnBlocked;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.WaId;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.TrustState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordIdentitySignalServiceTest extends ServiceTestSupport {

    private ContactTrust contact() {
        return stored();
    }

    @Test
    void theFirstHashIsTheBaselineAndADifferentOneBlocks() {
        optIn();

        assertThat(signal(Kind.OBSERVED, Optional.of(OLD), 100, "m1")).containsExactly(Outcome.APPLIED);
        assertThat(contact().state()).isEqualTo(TrustState.UNVERIFIED);

        assertThat(signal(Kind.OBSERVED, Optional.of(NEW), 200, "m2")).containsExactly(Outcome.APPLIED);
        assertThat(contact().state()).isEqualTo(TrustState.IDENTITY_CHANGED);
    }

    @Test
    void aRedeliveredWebhookHasNoSecondEffect() {
        optIn();
        baseline();
        signal(Kind.OBSERVED, Optional.of(NEW), 1_750_000_100L, "m2");
        int events = eventTypes().size();

        assertThat(signal(Kind.OBSERVED, Optional.of(NEW), 1_750_000_100L, "m2")).containsExactly(Outcome.DUPLICATE);
        assertThat(eventTypes()).hasSize(events);
    }

    @Test
    void aLateWebhookNeverReblocksAnAcknowledgedContact() {
        optIn();
        baseline();
        identityChanges();
        services.acknowledge.acknowledge(new AcknowledgeIdentityChangeUseCase.Command(ALICE, CUSTOMER, NEW, Evidence.NONE));

        assertThat(signal(Kind.OBSERVED, Optional.of(OLD), 1_750_000_050L, "late")).containsExactly(Outcome.IGNORED);
        assertThat(contact().state()).isEqualTo(TrustState.ACKNOWLEDGED);
    }

    @Test
    void aSystemMessageWithoutAHashBlocksFailingClosed() {
        optIn();
        baseline();

        signal(Kind.CHANGED, Optional.empty(), 1_750_000_200L, "sys1");

        assertThat(contact().state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        assertThat(contact().pendingChange().orElseThrow().hash()).isEmpty();
    }

    @Test
    void a137000WithTheStatussHashDifferentFromThePinBlocksOnThatHash() {
        optIn();
        baseline();
        String wamid = ((SendMessageUseCase.Result.Sent) services.send.send(
                new SendMessageUseCase.Command(ALICE, BUSINESS, TO, TEXT, false, OnBlocked.REJECT))).messageId();

        services.recordSignals.record(List.of(Signal.of(Optional.of("s1"), BUSINESS, NAMES, Kind.SEND_REFUSED, Optional.of(NEW),
                Instant.ofEpochSecond(1_750_000_300L), SignalSource.WHATSAPP_IDENTITY_MISMATCH, Optional.of(wamid))));

        assertThat(contact().state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        assertThat(contact().pendingChange().orElseThrow().hash()).contains(NEW);
    }

    @Test
    void a137000CarryingThePinItselfBlocksOnAnUnknownIdentity() {
        optIn();
        baseline();
        String wamid = ((SendMessageUseCase.Result.Sent) services.send.send(
                new SendMessageUseCase.Command(ALICE, BUSINESS, TO, TEXT, false, OnBlocked.REJECT))).messageId();

        services.recordSignals.record(List.of(Signal.of(Optional.of("s1"), BUSINESS, NAMES, Kind.SEND_REFUSED, Optional.of(OLD),
                Instant.ofEpochSecond(1_750_000_300L), SignalSource.WHATSAPP_IDENTITY_MISMATCH, Optional.of(wamid))));

        assertThat(contact().state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        assertThat(contact().pendingChange().orElseThrow().hash()).isEmpty();
    }

    @Test
    void aBatchIsAllOrNothing() {
        optIn();
        baseline();
        int events = eventTypes().size();
        Signal first = Signal.of(Optional.of("b1"), BUSINESS, NAMES, Kind.OBSERVED, Optional.of(NEW),
                Instant.ofEpochSecond(1_750_000_400L), SignalSource.WHATSAPP_MESSAGE, Optional.empty());
        Signal second = Signal.of(Optional.of("b2"), BUSINESS, ContactNames.of(new WaId("4915112345678")),
                Kind.OBSERVED, Optional.of(OLD), Instant.ofEpochSecond(1_750_000_401L), SignalSource.WHATSAPP_MESSAGE,
                Optional.empty());
        core.contacts.failAfter(1);

        assertThatThrownBy(() -> services.recordSignals.record(List.of(first, second)))
                .isInstanceOfSatisfying(TrustgateException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));

        assertThat(contact().state()).as("the first signal of the failed batch left no trace").isEqualTo(TrustState.UNVERIFIED);
        assertThat(eventTypes()).hasSize(events);
        assertThat(core.receipts.contains("b1")).isFalse();

        assertThat(services.recordSignals.record(List.of(first, second))).containsExactly(Outcome.APPLIED, Outcome.APPLIED);
        assertThat(contact().state()).isEqualTo(TrustState.IDENTITY_CHANGED);
    }
}
