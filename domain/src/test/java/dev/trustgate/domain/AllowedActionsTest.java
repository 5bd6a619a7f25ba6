package dev.trustgate.domain;

import static dev.trustgate.domain.ContactAction.ACKNOWLEDGE_IDENTITY_CHANGE;
import static dev.trustgate.domain.ContactAction.CANCEL_REAUTHENTICATION;
import static dev.trustgate.domain.ContactAction.OVERRIDE_UNKNOWN_IDENTITY;
import static dev.trustgate.domain.ContactAction.RECORD_AUTHENTICATION;
import static dev.trustgate.domain.ContactAction.RECORD_REAUTHENTICATION_RESULT;
import static dev.trustgate.domain.ContactAction.REVOKE_TRUST;
import static dev.trustgate.domain.ContactAction.START_REAUTHENTICATION;
import static dev.trustgate.domain.Fixtures.ALICE;
import static dev.trustgate.domain.Fixtures.BOB;
import static dev.trustgate.domain.Fixtures.H2;
import static dev.trustgate.domain.Fixtures.optedIn;
import static dev.trustgate.domain.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the contact's view offers in each state, read as the console shows it. */
class AllowedActionsTest {

    private static final BusinessNumber NONE = optedIn(AcknowledgementPolicy.NONE);
    private static final BusinessNumber REAUTHENTICATION_REQUIRED = optedIn(AcknowledgementPolicy.REAUTHENTICATION_REQUIRED);
    private static final BusinessNumber FOUR_EYES = optedIn(AcknowledgementPolicy.FOUR_EYES);

    @Test
    void trustCanBeBrokenInEveryState() {
        for (ContactTrust contact : new ContactTrust[] {Fixtures.unverified(), Fixtures.trusted(), Fixtures.identityChanged(),
                Fixtures.reauthenticating(), Fixtures.acknowledged()}) {
            assertThat(contact.allowedActions(NONE, ALICE)).as(contact.state().name()).contains(REVOKE_TRUST);
        }
    }

    @Test
    void anUnblockedCustomerCanBeAuthenticatedOrHaveTrustBroken() {
        assertThat(Fixtures.unverified().allowedActions(NONE, ALICE)).containsExactly(RECORD_AUTHENTICATION, REVOKE_TRUST);
        assertThat(Fixtures.trusted().allowedActions(NONE, ALICE)).containsExactly(RECORD_AUTHENTICATION, REVOKE_TRUST);
        assertThat(Fixtures.acknowledged().allowedActions(NONE, ALICE)).containsExactly(RECORD_AUTHENTICATION, REVOKE_TRUST);
    }

    @Test
    void aBlockedCustomerIsAcknowledgedAsThePolicyAllows() {
        assertThat(Fixtures.identityChanged().allowedActions(NONE, ALICE))
                .containsExactly(START_REAUTHENTICATION, ACKNOWLEDGE_IDENTITY_CHANGE, REVOKE_TRUST);
        assertThat(Fixtures.identityChanged().allowedActions(REAUTHENTICATION_REQUIRED, ALICE))
                .as("a re-authentication must pass first").containsExactly(START_REAUTHENTICATION, REVOKE_TRUST);
        assertThat(Fixtures.identityChangedUnknown().allowedActions(NONE, ALICE))
                .as("an unknown identity is cleared by the override only")
                .containsExactly(START_REAUTHENTICATION, OVERRIDE_UNKNOWN_IDENTITY, REVOKE_TRUST);
    }

    @Test
    void aRunningReauthenticationIsCompletedOrCancelledAndAPassedOneLeadsToTheAcknowledgement() {
        assertThat(Fixtures.reauthenticating().allowedActions(REAUTHENTICATION_REQUIRED, ALICE))
                .containsExactly(CANCEL_REAUTHENTICATION, RECORD_REAUTHENTICATION_RESULT, REVOKE_TRUST);
        assertThat(Fixtures.reauthenticationPassed().allowedActions(REAUTHENTICATION_REQUIRED, ALICE))
                .containsExactly(CANCEL_REAUTHENTICATION, ACKNOWLEDGE_IDENTITY_CHANGE, REVOKE_TRUST);
    }

    @Test
    void underFourEyesTheFirstAcknowledgerIsNotOfferedTheSecondAcknowledgement() {
        ContactTrust waiting = Fixtures.changed(Fixtures.reauthenticationPassed().acknowledge(H2, ALICE, Evidence.NONE, FOUR_EYES, t(60)));

        assertThat(waiting.allowedActions(FOUR_EYES, ALICE)).doesNotContain(ACKNOWLEDGE_IDENTITY_CHANGE);
        assertThat(waiting.allowedActions(FOUR_EYES, BOB)).contains(ACKNOWLEDGE_IDENTITY_CHANGE);
    }

    @Test
    void actionsHaveSnakeCaseCodes() {
        assertThat(REVOKE_TRUST.code()).isEqualTo("revoke_trust");
        assertThat(RECORD_REAUTHENTICATION_RESULT.code()).isEqualTo("record_reauthentication_result");
    }
}
