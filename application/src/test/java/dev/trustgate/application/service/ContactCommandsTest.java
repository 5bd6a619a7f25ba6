package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.in.ContactCommandResult;
import dev.trustgate.domain.ChangeId;
import dev.trustgate.domain.ReauthenticationId;
import dev.trustgate.domain.RejectionReason;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.TrustState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one way a use case changes a contact: each kind of result is answered as what it is. */
class ContactCommandsTest extends ServiceTestSupport {

    private final ContactCommands commands = new ContactCommands(services.transactions, services.contacts, core.businesses, core.messages);

    @Test
    void aCommandTheContactIgnoresIsAnsweredAsIgnoredNeverAsAChange() {
        optIn();
        baseline();
        long version = stored().version();
        int events = eventTypes().size();

        ContactCommandResult result = commands.execute(ALICE, CUSTOMER, (contact, business) -> contact.identitySeen(OLD,
                Instant.ofEpochSecond(1_750_000_050L), SignalSource.WHATSAPP_MESSAGE, new ChangeId("chg_same"), business,
                core.clock.now()));

        assertThat(result).isInstanceOfSatisfying(ContactCommandResult.Ignored.class, ignored -> {
            assertThat(ignored.why()).isEqualTo("identity unchanged");
            assertThat(ignored.view().contact()).isEqualTo(stored());
        });
        assertThat(stored().version()).as("nothing stored").isEqualTo(version);
        assertThat(eventTypes()).as("no event").hasSize(events);
    }

    @Test
    void aRefusedCommandIsAnsweredWithTheRefusalAndStoresNothing() {
        optIn();
        baseline();
        long version = stored().version();

        ContactCommandResult result = commands.execute(ALICE, CUSTOMER,
                (contact, business) -> contact.startReauthentication(new ReauthenticationId("reauth_x"),
                        ALICE.actor(), core.clock.now()));

        assertThat(rejected(result)).satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.INVALID_STATE);
            assertThat(r.state()).isEqualTo(TrustState.UNVERIFIED);
            assertThat(r.expectedStates()).containsExactly(TrustState.IDENTITY_CHANGED);
        });
        assertThat(stored().version()).isEqualTo(version);
    }

    @Test
    void aChangeIsStoredWithItsEventsAndAnsweredWithTheStoredContact() {
        optIn();
        baseline();

        ContactCommandResult result = commands.execute(ALICE, CUSTOMER,
                (contact, business) -> contact.revokeTrust(ALICE.actor(), "test", core.clock.now()));

        assertThat(changed(result).contact()).isEqualTo(stored());
        assertThat(eventTypes()).endsWith("trust.revoked");
    }
}
