package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.AcknowledgeIdentityChangeUseCase;
import dev.trustgate.application.port.in.ContactTrustView;
import dev.trustgate.application.port.in.GetContactTrustUseCase;
import dev.trustgate.application.port.in.RecordReauthenticationResultUseCase;
import dev.trustgate.application.port.in.RevokeTrustUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase.OnBlocked;
import dev.trustgate.application.port.in.SendMessageUseCase.Result;
import dev.trustgate.application.port.in.SetAcknowledgementPolicyUseCase;
import dev.trustgate.application.port.in.StartReauthenticationUseCase;
import dev.trustgate.domain.AcknowledgementPolicy;
import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.ReauthenticationId;
import dev.trustgate.domain.TrustState;
import org.junit.jupiter.api.Test;

/** The seed's five steps through the use cases, on in-memory ports. */
class TrustLifecycleTest extends ServiceTestSupport {

    private Result send(boolean sensitive) {
        return services.send.send(new SendMessageUseCase.Command(ALICE, BUSINESS, TO, TEXT, sensitive, OnBlocked.REJECT));
    }

    private ContactTrust contact() {
        return services.getContact.get(new GetContactTrustUseCase.Query(ALICE, CUSTOMER)).contact();
    }

    private ReauthenticationId reauthenticateSuccessfully() {
        ContactTrust started = changed(services.startReauthentication.start(new StartReauthenticationUseCase.Command(ALICE, CUSTOMER)))
                .contact();
        ReauthenticationId id = started.reauthentication().orElseThrow().id();
        services.reauthenticationResult.record(new RecordReauthenticationResultUseCase.Command(ALICE, CUSTOMER, id, true,
                new Evidence("otp_sms", "CASE-1", null, null)));
        return id;
    }

    @Test
    void theFiveStepsBlockEverySendUntilAcknowledgedAndRestoreTrustAfterReauthentication() {
        optIn();
        baseline();
        assertThat(send(false)).isInstanceOfSatisfying(Result.Sent.class, s -> assertThat(s.pin()).contains(OLD));

        identityChanges();
        assertThat(contact().state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        assertThat(send(false)).isEqualTo(new Result.Blocked(BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED));
        assertThat(send(true)).isEqualTo(new Result.Blocked(BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED));

        services.revokeTrust.revoke(new RevokeTrustUseCase.Command(ALICE, CUSTOMER, "unlinked in CRM"));
        reauthenticateSuccessfully();
        assertThat(send(false)).as("a passed re-authentication alone does not unblock").isInstanceOf(Result.Blocked.class);

        ContactTrustView ack = changed(services.acknowledge.acknowledge(
                new AcknowledgeIdentityChangeUseCase.Command(ALICE, CUSTOMER, NEW, Evidence.NONE)));
        assertThat(ack.contact().blocked()).as("completed").isFalse();
        assertThat(ack.contact().state()).isEqualTo(TrustState.TRUSTED);
        assertThat(send(true)).isInstanceOfSatisfying(Result.Sent.class, s -> assertThat(s.pin()).contains(NEW));

        assertThat(core.whatsApp.forwarded()).extracting(f -> f.pin().orElseThrow()).containsExactly(OLD, NEW);
        assertThat(eventTypes()).containsExactly("identity.baseline", "identity.changed", "trust.broken",
                "message.blocked", "message.blocked", "trust.revoked", "reauthentication.started",
                "reauthentication.succeeded", "message.blocked", "identity.acknowledged", "trust.established");
    }

    @Test
    void acknowledgingWithoutReauthenticationLetsOrdinaryMessagesThroughButNotSensitiveOnes() {
        optIn();
        baseline();
        identityChanges();

        services.acknowledge.acknowledge(new AcknowledgeIdentityChangeUseCase.Command(ALICE, CUSTOMER, NEW, Evidence.NONE));

        assertThat(contact().state()).isEqualTo(TrustState.ACKNOWLEDGED);
        assertThat(send(false)).isInstanceOf(Result.Sent.class);
        assertThat(send(true)).isEqualTo(new Result.Blocked(BlockReason.NOT_TRUSTED));
    }

    @Test
    void aStaleAcknowledgementIsRefusedWithThePendingHashAndChangesNothing() {
        optIn();
        baseline();
        identityChanges();
        long eventsBefore = eventTypes().size();

        assertThat(rejected(services.acknowledge.acknowledge(
                new AcknowledgeIdentityChangeUseCase.Command(ALICE, CUSTOMER, OLD, Evidence.NONE))))
                .satisfies(r -> {
                    assertThat(ErrorCode.of(r.reason())).isEqualTo(ErrorCode.STALE_ACKNOWLEDGEMENT);
                    assertThat(r.expectedIdentity()).contains(NEW);
                });
        assertThat(contact().state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        assertThat(eventTypes()).hasSize((int) eventsBefore);
    }

    @Test
    void underFourEyesOneKeyAcknowledgingTwiceNeverUnblocksButASecondKeyDoes() {
        optIn();
        services.setPolicy.setPolicy(new SetAcknowledgementPolicyUseCase.Command(ADMIN, BUSINESS, AcknowledgementPolicy.FOUR_EYES));
        baseline();
        identityChanges();
        reauthenticateSuccessfully();

        AcknowledgeIdentityChangeUseCase.Command byAlice = new AcknowledgeIdentityChangeUseCase.Command(ALICE, CUSTOMER, NEW, Evidence.NONE);
        assertThat(changed(services.acknowledge.acknowledge(byAlice)).contact().blocked()).as("waits for a second key").isTrue();
        assertThat(ErrorCode.of(rejected(services.acknowledge.acknowledge(byAlice)).reason()))
                .isEqualTo(ErrorCode.ACKNOWLEDGEMENT_POLICY_UNMET);
        assertThat(send(false)).isInstanceOf(Result.Blocked.class);

        assertThat(changed(services.acknowledge.acknowledge(new AcknowledgeIdentityChangeUseCase.Command(BOB, CUSTOMER, NEW,
                Evidence.NONE))).contact().blocked()).as("completed").isFalse();
        assertThat(send(true)).isInstanceOf(Result.Sent.class);
        assertThat(eventTypes()).contains("identity.acknowledgement_requested", "identity.acknowledged");
    }

    @Test
    void anotherBusinessesKeySeesNothingAndChangesNothing() {
        optIn();
        baseline();
        identityChanges();

        assertThatThrownBy(() -> services.getContact.get(new GetContactTrustUseCase.Query(MALLORY, CUSTOMER)))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> services.acknowledge.acknowledge(
                new AcknowledgeIdentityChangeUseCase.Command(MALLORY, CUSTOMER, NEW, Evidence.NONE)))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> services.send.send(new SendMessageUseCase.Command(MALLORY, BUSINESS, TO, TEXT, false, OnBlocked.REJECT)))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(contact().state()).isEqualTo(TrustState.IDENTITY_CHANGED);
    }

    @Test
    void aContactTrustgateNeverHeardOfIsNotFound() {
        assertThatThrownBy(this::contact)
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
