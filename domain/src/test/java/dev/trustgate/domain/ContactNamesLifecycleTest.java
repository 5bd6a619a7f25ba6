package dev.trustgate.domain;

import static dev.trustgate.domain.Fixtures.changed;
import static dev.trustgate.domain.Fixtures.notOptedIn;
import static dev.trustgate.domain.Fixtures.optedIn;
import static dev.trustgate.domain.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a contact's names change: names learned from WhatsApp, a number the customer moved to, a number left behind. */
class ContactNamesLifecycleTest {

    private static final WaId NEW_NUMBER = new WaId("12195555358");
    private static final UserId NEW_USER_ID = new UserId("US.20871465530927713564");

    @Test
    void learningAUserIdKeepsTrustAndMakesItTheCurrentOne() {
        ContactTrust trusted = Fixtures.trusted();

        ContactTrust named = changed(trusted.learnNames(ContactNames.of(NEW_USER_ID), t(70)));

        assertThat(named.names().userId()).contains(NEW_USER_ID);
        assertThat(named.names().waId()).contains(Fixtures.WA_ID);
        assertThat(named.state()).isEqualTo(TrustState.TRUSTED);
        assertThat(trusted.learnNames(ContactNames.of(Fixtures.WA_ID), t(70))).isInstanceOf(CommandResult.Ignored.class);
    }

    @Test
    void aCustomerWhoChangedNumberKeepsTheirTrustOnTheNewNumber() {
        ContactTrust trusted = Fixtures.trusted();

        CommandResult.Changed moved = (CommandResult.Changed) trusted.numberChanged(ContactNames.of(NEW_NUMBER, NEW_USER_ID),
                Optional.of(new ContactId("ct_old")), t(70));

        assertThat(moved.contact().names().waId()).contains(NEW_NUMBER);
        assertThat(moved.contact().state()).isEqualTo(TrustState.TRUSTED);
        assertThat(moved.contact().pinnedHash()).isEqualTo(trusted.pinnedHash());
        assertThat(moved.events()).singleElement().isInstanceOfSatisfying(TrustEvent.ContactNumberChanged.class, e -> {
            assertThat(e.type()).isEqualTo("contact.number_changed");
            assertThat(e.data()).containsEntry("previousWaId", "16505551234").containsEntry("detachedContactId", "ct_old");
        });
    }

    @Test
    void theNumberLeftBehindIsBlockedWhateverTheOptInUntilCleared() {
        CommandResult.Changed detached = ContactTrust.detachedNumber(ContactKey.of("106540352242922", "ct_old"), Fixtures.WA_ID,
                new ChangeId("chg_old"), t(70), t(71));

        ContactTrust old = detached.contact();
        assertThat(old.state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        assertThat(old.pendingChange()).get().extracting(PendingChange::hash).isEqualTo(Optional.empty());
        assertThat(old.sendDecision(notOptedIn(), false)).isInstanceOf(SendDecision.Blocked.class);
        assertThat(old.sendDecision(optedIn(), false)).isInstanceOf(SendDecision.Blocked.class);
        assertThat(detached.events()).extracting(TrustEvent::type).containsExactly("identity.changed", "trust.broken");
        assertThat(detached.events().get(0).data()).containsEntry("source", "number_changed").containsEntry("identityKnown", "false");

        ContactTrust cleared = changed(old.overrideUnknownIdentity(Fixtures.ALICE, "number reassigned, verified", optedIn(), t(80)));
        assertThat(cleared.sendDecision(optedIn(), false).allowed()).isTrue();
    }
}
