package dev.trustgate.domain;

import static dev.trustgate.domain.Fixtures.ALICE;
import static dev.trustgate.domain.Fixtures.BOB;
import static dev.trustgate.domain.Fixtures.H1;
import static dev.trustgate.domain.Fixtures.H2;
import static dev.trustgate.domain.Fixtures.H3;
import static dev.trustgate.domain.Fixtures.KEY;
import static dev.trustgate.domain.Fixtures.NAMES;
import static dev.trustgate.domain.Fixtures.R1;
import static dev.trustgate.domain.Fixtures.changed;
import static dev.trustgate.domain.Fixtures.notOptedIn;
import static dev.trustgate.domain.Fixtures.optedIn;
import static dev.trustgate.domain.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.domain.SendDecision.Allowed;
import dev.trustgate.domain.SendDecision.Blocked;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ContactTrustTest {

    private static final ChangeId NEXT = new ChangeId("chg_next");

    @Nested
    class TheGate {

        @Test
        void blocksEverySendUntilTheChangeIsAcknowledged() {
            ContactTrust changed = Fixtures.identityChanged();

            assertThat(changed.sendDecision(optedIn(), false)).isEqualTo(new Blocked(BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED));
            assertThat(changed.sendDecision(optedIn(), true)).isEqualTo(new Blocked(BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED));
            assertThat(Fixtures.reauthenticationPassed().sendDecision(optedIn(), false)).isInstanceOf(Blocked.class);

            ContactTrust acknowledged = changed(changed.acknowledge(H2, ALICE, Evidence.NONE, optedIn(), t(60)));
            assertThat(acknowledged.sendDecision(optedIn(), false)).isEqualTo(new Allowed(Optional.of(H2)));
        }

        @Test
        void pinsEveryAllowedSendToTheAcknowledgedIdentity() {
            assertThat(Fixtures.unverified().sendDecision(optedIn(), false)).isEqualTo(new Allowed(Optional.of(H1)));
            assertThat(Fixtures.trusted().sendDecision(optedIn(), true)).isEqualTo(new Allowed(Optional.of(H1)));
            assertThat(Fixtures.acknowledged().sendDecision(optedIn(), false)).isEqualTo(new Allowed(Optional.of(H2)));
        }

        @Test
        void acknowledgedIsNotTrustedWithSensitiveContent() {
            assertThat(Fixtures.acknowledged().sendDecision(optedIn(), true)).isEqualTo(new Blocked(BlockReason.NOT_TRUSTED));
            assertThat(Fixtures.unverified().sendDecision(optedIn(), true)).isEqualTo(new Blocked(BlockReason.NOT_TRUSTED));
        }

        @Test
        void acknowledgingAfterAPassedReauthenticationRestoresTrust() {
            ContactTrust trusted = changed(Fixtures.reauthenticationPassed().acknowledge(H2, ALICE, Evidence.NONE, optedIn(), t(60)));

            assertThat(trusted.state()).isEqualTo(TrustState.TRUSTED);
            assertThat(trusted.sendDecision(optedIn(), true)).isEqualTo(new Allowed(Optional.of(H2)));
        }

        @Test
        void aSensitiveSendNeedsAKnownIdentityToPinTo() {
            ContactTrust trustedWithoutHash = changed(ContactTrust.newContact(KEY, NAMES).authenticated(ALICE, Evidence.NONE, t(1)));

            assertThat(trustedWithoutHash.sendDecision(optedIn(), true)).isEqualTo(new Blocked(BlockReason.IDENTITY_UNKNOWN));
            assertThat(trustedWithoutHash.sendDecision(optedIn(), false)).isEqualTo(new Allowed(Optional.empty()));
        }

        @Test
        void aBusinessThatDidNotOptInGetsNothingPinnedButSensitiveStillNeedsTrust() {
            assertThat(Fixtures.unverified().sendDecision(notOptedIn(), false)).isEqualTo(new Allowed(Optional.empty()));
            assertThat(Fixtures.unverified().sendDecision(notOptedIn(), true)).isEqualTo(new Blocked(BlockReason.NOT_TRUSTED));
            assertThat(Fixtures.trusted().sendDecision(notOptedIn(), true)).isEqualTo(new Allowed(Optional.empty()));
        }
    }

    @Nested
    class IdentitySignals {

        @Test
        void theFirstHashBecomesTheBaselineWithoutBlocking() {
            CommandResult result = ContactTrust.newContact(KEY, NAMES).identitySeen(H1, t(5), SignalSource.WHATSAPP_MESSAGE, NEXT, optedIn(), t(6));

            ContactTrust contact = changed(result);
            assertThat(contact.state()).isEqualTo(TrustState.UNVERIFIED);
            assertThat(contact.identityHash()).contains(H1);
            assertThat(contact.pinnedHash()).contains(H1);
            assertThat(contact.identityAsOf()).contains(t(5));
            assertThat(((CommandResult.Changed) result).events()).singleElement()
                    .isInstanceOf(TrustEvent.IdentityBaseline.class);
        }

        @Test
        void anUnknownNewIdentityBlocksFailingClosed() {
            ContactTrust blocked = Fixtures.identityChangedUnknown();

            assertThat(blocked.state()).isEqualTo(TrustState.IDENTITY_CHANGED);
            assertThat(blocked.pendingChange().orElseThrow().hash()).isEmpty();
            assertThat(blocked.sendDecision(optedIn(), false)).isInstanceOf(Blocked.class);
        }

        @Test
        void aHashArrivingAfterAnUnknownChangeNamesTheChangeAndStaysBlocked() {
            ContactTrust named = changed(Fixtures.identityChangedUnknown()
                    .identitySeen(H3, t(40), SignalSource.WHATSAPP_MESSAGE, NEXT, optedIn(), t(40)));

            assertThat(named.state()).isEqualTo(TrustState.IDENTITY_CHANGED);
            assertThat(named.pendingChange().orElseThrow().hash()).contains(H3);
            assertThat(named.acknowledge(H3, ALICE, Evidence.NONE, optedIn(), t(50))).isInstanceOf(CommandResult.Changed.class);
        }

        @Test
        void aLateWebhookNeverReblocksAnAcknowledgedContact() {
            ContactTrust acknowledged = Fixtures.acknowledged();

            assertThat(acknowledged.identityChanged(Optional.of(H3), t(29), SignalSource.WHATSAPP_STATUS, NEXT, optedIn(), t(99)))
                    .isInstanceOf(CommandResult.Ignored.class);
            assertThat(acknowledged.identitySeen(H1, t(10), SignalSource.WHATSAPP_MESSAGE, NEXT, optedIn(), t(99)))
                    .isInstanceOf(CommandResult.Ignored.class);
        }

        @Test
        void aSignalWithTheSameTimestampButAnotherHashStillBlocks() {
            assertThat(changed(Fixtures.acknowledged().identityChanged(Optional.of(H3), t(30), SignalSource.WHATSAPP_STATUS,
                    NEXT, optedIn(), t(99))).state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        }

        @Test
        void withoutOptInAChangeIsRecordedAndBreaksTrustButBlocksNothing() {
            ContactTrust seen = changed(ContactTrust.newContact(KEY, NAMES)
                    .identitySeen(H1, t(1), SignalSource.WHATSAPP_MESSAGE, NEXT, notOptedIn(), t(1)));
            ContactTrust trusted = changed(seen.authenticated(ALICE, Evidence.NONE, t(2)));

            CommandResult result = trusted.identityChanged(Optional.of(H2), t(3), SignalSource.WHATSAPP_MESSAGE, NEXT, notOptedIn(), t(3));

            ContactTrust after = changed(result);
            assertThat(after.state()).isEqualTo(TrustState.UNVERIFIED);
            assertThat(after.identityHash()).contains(H2);
            assertThat(after.sendDecision(notOptedIn(), false)).isInstanceOf(Allowed.class);
            assertThat(((CommandResult.Changed) result).events()).extracting(TrustEvent::type)
                    .containsExactly("identity.changed", "trust.broken");
        }

        @Test
        void optingOutReleasesNoPendingChangeAndKeepsBlockingNewOnes() {
            ContactTrust blocked = Fixtures.identityChanged();
            BusinessNumber optedOut = optedIn().optOut(t(35));

            assertThat(blocked.sendDecision(optedOut, false)).isInstanceOf(Blocked.class);
            ContactTrust again = changed(blocked.identityChanged(Optional.of(H3), t(40), SignalSource.WHATSAPP_MESSAGE, NEXT, optedOut, t(40)));
            assertThat(again.sendDecision(optedOut, false)).isInstanceOf(Blocked.class);
            assertThat(again.pendingChange().orElseThrow().hash()).contains(H3);
        }
    }

    @Nested
    class Acknowledgement {

        @Test
        void aStaleHashIsRefusedNamingThePendingOne() {
            CommandResult result = Fixtures.identityChanged().acknowledge(H1, ALICE, Evidence.NONE, optedIn(), t(60));

            assertThat(result).isEqualTo(new CommandResult.Rejected(RejectionReason.STALE_ACKNOWLEDGEMENT,
                    TrustState.IDENTITY_CHANGED, Set.of(), Optional.of(H2),
                    "the acknowledged identity hash is not the pending change's hash"));
        }

        @Test
        void aCommandRefusedInItsStateNamesThatStateAndTheStatesItAppliesIn() {
            CommandResult result = Fixtures.unverified().acknowledge(H1, ALICE, Evidence.NONE, optedIn(), t(60));

            assertThat(result).isEqualTo(new CommandResult.Rejected(RejectionReason.INVALID_STATE, TrustState.UNVERIFIED,
                    Set.of(TrustState.IDENTITY_CHANGED, TrustState.RE_AUTHENTICATING), Optional.empty(),
                    "no identity change is pending"));
            assertThat(Fixtures.identityChanged().authenticated(ALICE, Evidence.NONE, t(60)))
                    .isInstanceOfSatisfying(CommandResult.Rejected.class, r -> {
                        assertThat(r.state()).isEqualTo(TrustState.IDENTITY_CHANGED);
                        assertThat(r.expectedStates()).containsExactlyInAnyOrder(TrustState.UNVERIFIED, TrustState.ACKNOWLEDGED,
                                TrustState.TRUSTED);
                    });
            assertThat(Fixtures.identityChanged().overrideUnknownIdentity(ALICE, "checked", optedIn(), t(60)))
                    .as("the state is right; the known identity is what stands in the way")
                    .isInstanceOfSatisfying(CommandResult.Rejected.class, r -> assertThat(r.expectedStates()).isEmpty());
        }

        @Test
        void reauthenticationRequiredRefusesAnAcknowledgementWithoutAPassedReauthentication() {
            BusinessNumber business = optedIn(AcknowledgementPolicy.REAUTHENTICATION_REQUIRED);

            assertThat(Fixtures.identityChanged().acknowledge(H2, ALICE, Evidence.NONE, business, t(60)))
                    .isInstanceOfSatisfying(CommandResult.Rejected.class,
                            r -> assertThat(r.reason()).isEqualTo(RejectionReason.ACKNOWLEDGEMENT_POLICY_UNMET));
            assertThat(Fixtures.reauthenticating().acknowledge(H2, ALICE, Evidence.NONE, business, t(60)))
                    .isInstanceOf(CommandResult.Rejected.class);
            assertThat(changed(Fixtures.reauthenticationPassed().acknowledge(H2, ALICE, Evidence.NONE, business, t(60))).state())
                    .isEqualTo(TrustState.TRUSTED);
        }

        @Test
        void aReauthenticationOfAnEarlierChangeDoesNotCount() {
            ContactTrust passedThenChangedAgain = changed(Fixtures.reauthenticationPassed()
                    .identityChanged(Optional.of(H3), t(70), SignalSource.WHATSAPP_SYSTEM, NEXT, optedIn(), t(70)));

            ContactTrust acknowledged = changed(passedThenChangedAgain.acknowledge(H3, ALICE, Evidence.NONE, optedIn(), t(80)));
            assertThat(acknowledged.state()).isEqualTo(TrustState.ACKNOWLEDGED);
            assertThat(passedThenChangedAgain.acknowledge(H3, ALICE, Evidence.NONE,
                    optedIn(AcknowledgementPolicy.REAUTHENTICATION_REQUIRED), t(80))).isInstanceOf(CommandResult.Rejected.class);
        }

        @Test
        void fourEyesNeedsTwoDifferentKeys() {
            BusinessNumber business = optedIn(AcknowledgementPolicy.FOUR_EYES);
            ContactTrust first = changed(Fixtures.reauthenticationPassed().acknowledge(H2, ALICE, Evidence.NONE, business, t(60)));

            assertThat(first.blocked()).isTrue();
            assertThat(first.pendingChange().orElseThrow().firstAcknowledger()).contains(ALICE);
            assertThat(first.acknowledge(H2, ALICE, Evidence.NONE, business, t(61)))
                    .isInstanceOfSatisfying(CommandResult.Rejected.class,
                            r -> assertThat(r.reason()).isEqualTo(RejectionReason.ACKNOWLEDGEMENT_POLICY_UNMET));

            CommandResult second = first.acknowledge(H2, BOB, Evidence.NONE, business, t(62));
            assertThat(changed(second).state()).isEqualTo(TrustState.TRUSTED);
            assertThat(((CommandResult.Changed) second).events().get(0).data())
                    .containsEntry("firstAcknowledger", ALICE.id());
        }

        @Test
        void fourEyesStillNeedsTheReauthentication() {
            assertThat(Fixtures.identityChanged().acknowledge(H2, ALICE, Evidence.NONE, optedIn(AcknowledgementPolicy.FOUR_EYES), t(60)))
                    .isInstanceOfSatisfying(CommandResult.Rejected.class,
                            r -> assertThat(r.reason()).isEqualTo(RejectionReason.ACKNOWLEDGEMENT_POLICY_UNMET));
        }

        @Test
        void theOverrideClearsAnUnknownChangeUnpinnedAndTheNextHashBecomesTheBaseline() {
            ContactTrust overridden = changed(Fixtures.identityChangedUnknown()
                    .overrideUnknownIdentity(ALICE, "verified in branch, ticket 42", optedIn(), t(60)));

            assertThat(overridden.state()).isEqualTo(TrustState.ACKNOWLEDGED);
            assertThat(overridden.sendDecision(optedIn(), false)).isEqualTo(new Allowed(Optional.empty()));

            CommandResult next = overridden.identitySeen(H3, t(70), SignalSource.WHATSAPP_MESSAGE, NEXT, optedIn(), t(70));
            assertThat(((CommandResult.Changed) next).events()).singleElement().isInstanceOf(TrustEvent.IdentityBaseline.class);
            assertThat(changed(next).sendDecision(optedIn(), false)).isEqualTo(new Allowed(Optional.of(H3)));
        }

        @Test
        void evidenceAndActorAreRecordedInTheEvent() {
            Evidence evidence = new Evidence("video_call", "CASE-7", "Dana", "matched passport");
            CommandResult result = Fixtures.identityChanged().acknowledge(H2, BOB, evidence, optedIn(), t(60));

            TrustEvent event = ((CommandResult.Changed) result).events().get(0);
            assertThat(event.actor()).isEqualTo(BOB);
            assertThat(event.data()).containsEntry("identityHash", H2.value()).containsEntry("reference", "CASE-7")
                    .containsEntry("operator", "Dana").containsEntry("trusted", "false");
        }
    }

    @Nested
    class Reauthentication {

        @Test
        void failedAttemptsAreCountedAcrossRestarts() {
            ContactTrust failedOnce = changed(Fixtures.reauthenticating().reauthenticationResult(R1, false, Evidence.NONE, ALICE, t(50)));
            ContactTrust restarted = changed(failedOnce.startReauthentication(new ReauthenticationId("reauth_2"), ALICE, t(51)));
            ContactTrust failedTwice = changed(restarted.reauthenticationResult(new ReauthenticationId("reauth_2"), false, Evidence.NONE, ALICE, t(52)));

            assertThat(failedTwice.reauthentication().orElseThrow().attempts()).isEqualTo(2);
            assertThat(failedTwice.state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        }

        @Test
        void revokingTrustForgetsAPassedReauthentication() {
            ContactTrust revoked = changed(Fixtures.reauthenticationPassed().revokeTrust(ALICE, "fraud team", t(60)));

            assertThat(revoked.verifiedHash()).isEmpty();
            assertThat(changed(revoked.acknowledge(H2, ALICE, Evidence.NONE, optedIn(), t(61))).state())
                    .isEqualTo(TrustState.ACKNOWLEDGED);
        }
    }

    @Test
    void inconsistentStatesCannotBeBuilt() {
        assertThatThrownBy(() -> new ContactTrust(KEY, NAMES, TrustState.IDENTITY_CHANGED, Optional.of(H1), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1, Optional.empty(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContactTrust(KEY, NAMES, TrustState.UNVERIFIED, Optional.of(H1), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), -1, Optional.empty(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContactTrust(KEY, NAMES, TrustState.UNVERIFIED, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1, Optional.empty(), true))
                .as("no identity cannot have been taken on first use").isInstanceOf(IllegalArgumentException.class);
    }
}
