package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.Caller;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.AcknowledgeIdentityChangeUseCase;
import dev.trustgate.application.port.in.ContactCommandResult;
import dev.trustgate.application.port.in.ContactTrustView;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Kind;
import dev.trustgate.application.port.in.RecordReauthenticationResultUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase.OnBlocked;
import dev.trustgate.application.port.in.SetAcknowledgementPolicyUseCase;
import dev.trustgate.application.port.in.StartReauthenticationUseCase;
import dev.trustgate.domain.AcknowledgementPolicy;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.RejectionReason;
import dev.trustgate.domain.TrustState;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AcknowledgeIdentityChangeServiceTest extends ServiceTestSupport {

    private ContactCommandResult acknowledge(Caller caller, IdentityHash hash) {
        return services.acknowledge.acknowledge(new AcknowledgeIdentityChangeUseCase.Command(caller, CUSTOMER, hash, Evidence.NONE));
    }

    private void blockedWithOneHeldMessage() {
        optIn();
        baseline();
        identityChanges();
        services.send.send(new SendMessageUseCase.Command(ALICE, BUSINESS, TO, TEXT, false, OnBlocked.HOLD));
    }

    @Test
    void answersWithTheContactAsItsOwnTransactionLeftIt() {
        blockedWithOneHeldMessage();

        ContactTrustView view = changed(acknowledge(ALICE, NEW));

        assertThat(view.contact()).isEqualTo(stored());
        assertThat(view.contact().state()).isEqualTo(TrustState.ACKNOWLEDGED);
        assertThat(view.sendAllowed()).isTrue();
        assertThat(view.heldMessages()).as("held messages are never released by an acknowledgement").isEqualTo(1);
        assertThat(view.business().optedIn()).isTrue();
    }

    @Test
    void aChangeCommittedRightAfterwardsDoesNotShowInTheAnswer() {
        blockedWithOneHeldMessage();
        AtomicBoolean changedAgain = new AtomicBoolean();
        core.transactions.afterEachCommit(() -> {
            if (stored().state() == TrustState.ACKNOWLEDGED && !changedAgain.getAndSet(true)) {
                signal(Kind.OBSERVED, Optional.of(new IdentityHash("VGhpcmRJZGVudGl0eQ==")), 1_750_000_200L, "m3");
            }
        });

        ContactTrustView view = changed(acknowledge(ALICE, NEW));

        assertThat(changedAgain).as("another change committed right after the acknowledgement").isTrue();
        assertThat(stored().state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        assertThat(view.contact().state()).isEqualTo(TrustState.ACKNOWLEDGED);
        assertThat(view.contact().version()).isEqualTo(stored().version() - 1);
        assertThat(view.sendAllowed()).isTrue();
    }

    @Test
    void takesOneTransaction() {
        blockedWithOneHeldMessage();
        int before = core.transactions.count();

        acknowledge(ALICE, NEW);

        assertThat(core.transactions.count() - before).isEqualTo(1);
    }

    @Test
    void aStaleAcknowledgementIsARefusalNamingThePendingIdentityAndChangesNothing() {
        blockedWithOneHeldMessage();
        long version = stored().version();
        int events = eventTypes().size();

        assertThat(rejected(acknowledge(ALICE, OLD))).satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.STALE_ACKNOWLEDGEMENT);
            assertThat(r.state()).isEqualTo(TrustState.IDENTITY_CHANGED);
            assertThat(r.expectedIdentity()).contains(NEW);
        });
        assertThat(stored().version()).isEqualTo(version);
        assertThat(eventTypes()).hasSize(events);
    }

    @Test
    void acknowledgingWhatIsAlreadyAcknowledgedIsRefusedNotMadeUp() {
        blockedWithOneHeldMessage();
        acknowledge(ALICE, NEW);
        int events = eventTypes().size();

        assertThat(rejected(acknowledge(ALICE, NEW))).satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.INVALID_STATE);
            assertThat(r.state()).isEqualTo(TrustState.ACKNOWLEDGED);
            assertThat(r.expectedStates()).containsExactlyInAnyOrder(TrustState.IDENTITY_CHANGED, TrustState.RE_AUTHENTICATING);
        });
        assertThat(eventTypes()).hasSize(events);
    }

    @Test
    void underFourEyesTheFirstKeysAcknowledgementIsAChangeThatStillBlocks() {
        optIn();
        services.setPolicy.setPolicy(new SetAcknowledgementPolicyUseCase.Command(ADMIN, BUSINESS, AcknowledgementPolicy.FOUR_EYES));
        baseline();
        identityChanges();
        var started = changed(services.startReauthentication.start(new StartReauthenticationUseCase.Command(ALICE, CUSTOMER)));
        services.reauthenticationResult.record(new RecordReauthenticationResultUseCase.Command(ALICE, CUSTOMER,
                started.contact().reauthentication().orElseThrow().id(), true, Evidence.NONE));

        ContactTrustView first = changed(acknowledge(ALICE, NEW));
        assertThat(first.contact().blocked()).isTrue();
        assertThat(first.contact().pendingChange().orElseThrow().firstAcknowledger()).contains(ALICE.actor());
        assertThat(first.sendAllowed()).isFalse();

        ContactTrustView second = changed(acknowledge(BOB, NEW));
        assertThat(second.contact().state()).isEqualTo(TrustState.TRUSTED);
        assertThat(eventTypes()).endsWith("identity.acknowledgement_requested", "identity.acknowledged", "trust.established");
    }

    @Test
    void anotherBusinessesKeyFindsNothingAndChangesNothing() {
        blockedWithOneHeldMessage();
        int before = core.transactions.count();

        assertThatThrownBy(() -> acknowledge(MALLORY, NEW))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(core.transactions.count()).as("refused before any transaction").isEqualTo(before);
        assertThat(stored().state()).isEqualTo(TrustState.IDENTITY_CHANGED);
    }
}
