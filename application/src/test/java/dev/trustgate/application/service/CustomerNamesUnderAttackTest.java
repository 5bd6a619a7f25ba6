package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.in.ContactSelector;
import dev.trustgate.application.port.in.GetContactTrustUseCase;
import dev.trustgate.application.port.in.ReadEventsUseCase;
import dev.trustgate.application.port.in.RecordAuthenticationUseCase;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Kind;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Signal;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase.OnBlocked;
import dev.trustgate.application.port.in.SendMessageUseCase.Result;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.TrustState;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The gate under the orderings and combinations of names an adversary (or WhatsApp's unordered webhooks)
 * can produce (DESIGN §4 "Who a customer is"), on in-memory ports.
 */
class CustomerNamesUnderAttackTest extends ServiceTestSupport {

    private static final WaId OLD_NUMBER = WA_ID;
    private static final UserId OLD_USER = new UserId("US.13491208655302741918");
    private static final WaId NEW_NUMBER = new WaId("12195555358");
    private static final UserId NEW_USER = new UserId("US.20871465530927713564");
    private static final WaId STRANGER = new WaId("447700900123");
    private static final IdentityHash STRANGERS_HASH = new IdentityHash("U3RyYW5nZXJzSGFzaA==");
    private static final long T0 = 1_750_000_000L;

    private void record(Signal signal) {
        services.recordSignals.record(List.of(signal));
    }

    private Result send(Recipient to, boolean sensitive) {
        return services.send.send(new SendMessageUseCase.Command(ALICE, BUSINESS, to, TEXT, sensitive, OnBlocked.REJECT));
    }

    private ContactTrust contact(CustomerName name) {
        return services.getContact.get(new GetContactTrustUseCase.Query(ALICE, new ContactSelector(BUSINESS, name))).contact();
    }

    private void authenticate(CustomerName name) {
        services.recordAuthentication.authenticated(new RecordAuthenticationUseCase.Command(ALICE, new ContactSelector(BUSINESS, name),
                Evidence.NONE));
    }

    /** A trusted customer at OLD_NUMBER / OLD_USER with identity OLD, seen at T0. */
    private void trustedCustomer() {
        optIn();
        record(Signal.of(Optional.of("in1"), BUSINESS, ContactNames.of(OLD_NUMBER, OLD_USER), Kind.OBSERVED, Optional.of(OLD),
                Instant.ofEpochSecond(T0), SignalSource.WHATSAPP_MESSAGE, Optional.empty()));
        authenticate(OLD_NUMBER);
    }

    /** {@code user_changed_number} from OLD_NUMBER to NEW_NUMBER, as of {@code epochSecond}. */
    private void numberChanges(long epochSecond) {
        record(new Signal(Optional.of("sys-number"), BUSINESS, ContactNames.of(OLD_NUMBER, OLD_USER), Kind.NUMBER_CHANGED,
                Optional.empty(), Instant.ofEpochSecond(epochSecond), SignalSource.WHATSAPP_SYSTEM, Optional.empty(),
                ContactNames.of(NEW_NUMBER, NEW_USER)));
    }

    /**
     * WhatsApp does not order webhooks: a customer_identity_changed notice about the old number, sent before the
     * user_changed_number notice, can arrive after it. The change happened to the person (who moved with their
     * account and identity), so the person, now at the new number, must be blocked.
     */
    @Test
    void anIdentityChangeOfTheOldNumberThatArrivesAfterTheNumberChangeStillBlocksTheCustomerAtTheNewNumber() {
        trustedCustomer();
        numberChanges(T0 + 300);

        record(Signal.of(Optional.of("sys-identity"), BUSINESS, ContactNames.of(OLD_NUMBER), Kind.CHANGED, Optional.of(NEW),
                Instant.ofEpochSecond(T0 + 200), SignalSource.WHATSAPP_SYSTEM, Optional.empty()));

        assertThat(send(Recipient.of(NEW_NUMBER), false))
                .as("the person whose identity changed before they moved is reachable at the new number")
                .isEqualTo(new Result.Blocked(BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED));
        assertThat(send(Recipient.of(NEW_USER), true)).isEqualTo(new Result.Blocked(BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED));
    }

    /**
     * A message sent to the old number before the move is refused (137000) after it: the old number is now a
     * contact of its own (DESIGN §4), possibly a stranger's. The refusal must not fold that number back into the
     * person who left it, so that clearing one never clears the other.
     */
    @Test
    void aLateRefusalOfAMessageSentToTheOldNumberLeavesTheOldNumberAContactOfItsOwn() {
        trustedCustomer();
        String wamid = ((Result.Sent) send(Recipient.of(OLD_NUMBER), false)).messageId();
        numberChanges(T0 + 300);
        ContactTrust person = contact(NEW_NUMBER);
        ContactTrust oldNumber = contact(OLD_NUMBER);
        assertThat(oldNumber.key()).isNotEqualTo(person.key());

        record(Signal.of(Optional.of("status-failed"), BUSINESS, ContactNames.of(OLD_NUMBER), Kind.SEND_REFUSED,
                Optional.of(STRANGERS_HASH), Instant.ofEpochSecond(T0 + 400), SignalSource.WHATSAPP_IDENTITY_MISMATCH,
                Optional.of(wamid)));

        assertThat(contact(OLD_NUMBER).key()).as("the old number stays detached from the person who left it")
                .isNotEqualTo(contact(NEW_NUMBER).key());
        assertThat(contact(NEW_NUMBER).names().waId()).as("the person keeps the number they moved to").contains(NEW_NUMBER);
    }

    /**
     * With both to and recipient, WhatsApp delivers to {@code to}. A number nobody has seen is a new, unverified
     * contact (DESIGN §4), so a sensitive message to it is refused — the trust of the customer named in
     * {@code recipient} must not vouch for whoever has that number.
     */
    @Test
    void aSensitiveSendToAnUnknownNumberIsNotVouchedForByTheTrustedRecipientNamedBesideIt() {
        record(Signal.of(Optional.of("in1"), BUSINESS, ContactNames.of(OLD_USER), Kind.OBSERVED, Optional.of(OLD),
                Instant.ofEpochSecond(T0), SignalSource.WHATSAPP_MESSAGE, Optional.empty()));
        authenticate(OLD_USER);
        assertThat(contact(OLD_USER).state()).isEqualTo(TrustState.TRUSTED);

        Result result = send(new Recipient(Optional.of(STRANGER), Optional.<CustomerName>of(OLD_USER)), true);

        assertThat(result).as("a sensitive message delivered to a number no one authenticated")
                .isEqualTo(new Result.Blocked(BlockReason.NOT_TRUSTED));
        assertThat(core.whatsApp.forwarded()).isEmpty();
    }

    /**
     * The same send for an opted-in business goes out pinned to the recipient's identity; WhatsApp, delivering to
     * {@code to}, refuses it (137000) because the stranger's identity differs. That refusal must not merge the
     * stranger's number into the customer, nor block the customer for a stranger's identity.
     */
    @Test
    void aRefusalOfASendToAnUnknownNumberDoesNotMergeThatNumberIntoTheRecipientNamedBesideIt() {
        trustedCustomer();
        Result sent = send(new Recipient(Optional.of(STRANGER), Optional.<CustomerName>of(OLD_USER)), false);
        assertThat(sent).isInstanceOf(Result.Sent.class);

        record(Signal.of(Optional.of("status-failed"), BUSINESS, ContactNames.of(STRANGER), Kind.SEND_REFUSED,
                Optional.of(STRANGERS_HASH), Instant.ofEpochSecond(T0 + 400), SignalSource.WHATSAPP_IDENTITY_MISMATCH,
                Optional.of(((Result.Sent) sent).messageId())));

        assertThat(contact(STRANGER).key()).as("the stranger's number became a name of the customer")
                .isNotEqualTo(contact(OLD_USER).key());
        assertThat(contact(OLD_USER).state()).as("the customer is blocked for the stranger's identity")
                .isEqualTo(TrustState.TRUSTED);
    }

    /**
     * Two contacts found to be one user merge; the customer's timeline (GET …/contacts/{customer}/events) must
     * still show the whole history of that user, including who authenticated the contact that was absorbed.
     */
    @Test
    void theTimelineOfAMergedContactKeepsTheHistoryOfTheContactItAbsorbed() {
        optIn();
        record(Signal.of(Optional.of("a1"), BUSINESS, ContactNames.of(OLD_NUMBER), Kind.OBSERVED, Optional.of(OLD),
                Instant.ofEpochSecond(T0), SignalSource.WHATSAPP_MESSAGE, Optional.empty()));
        record(Signal.of(Optional.of("a2"), BUSINESS, ContactNames.of(OLD_NUMBER), Kind.OBSERVED, Optional.of(NEW),
                Instant.ofEpochSecond(T0 + 10), SignalSource.WHATSAPP_MESSAGE, Optional.empty()));
        record(Signal.of(Optional.of("b1"), BUSINESS, ContactNames.of(OLD_USER), Kind.OBSERVED, Optional.of(NEW),
                Instant.ofEpochSecond(T0 + 20), SignalSource.WHATSAPP_MESSAGE, Optional.empty()));
        authenticate(OLD_USER);

        record(Signal.of(Optional.of("ab"), BUSINESS, ContactNames.of(OLD_NUMBER, OLD_USER), Kind.NAMED, Optional.empty(),
                Instant.ofEpochSecond(T0 + 30), SignalSource.WHATSAPP_MESSAGE, Optional.empty()));
        assertThat(contact(OLD_USER).key()).isEqualTo(contact(OLD_NUMBER).key());

        List<String> timeline = services.readEvents.readContact(new ReadEventsUseCase.ContactQuery(ALICE,
                new ContactSelector(BUSINESS, OLD_USER), 1000)).stream().map(RecordedEvent::type).toList();
        assertThat(timeline).as("the absorbed contact's authentication and baseline vanished from the customer's timeline")
                .contains("contact.merged", "trust.established")
                .filteredOn("identity.baseline"::equals).hasSize(2);
    }

    /**
     * A status webhook for a message delivered before the move names the old number and the old user id together
     * and arrives after user_changed_number (WhatsApp does not order webhooks). The old number must stay a contact
     * of its own: folding it back into the person would show the person under the number they left and let one
     * override clear both.
     */
    @Test
    void aLateStatusNamingTheOldNumberAndTheOldUserIdLeavesTheOldNumberAContactOfItsOwn() {
        trustedCustomer();
        numberChanges(T0 + 300);

        record(Signal.of(Optional.of("status-delivered"), BUSINESS, ContactNames.of(OLD_NUMBER, OLD_USER), Kind.OBSERVED,
                Optional.of(OLD), Instant.ofEpochSecond(T0 + 100), SignalSource.WHATSAPP_STATUS, Optional.empty()));

        assertThat(contact(OLD_NUMBER).key()).as("the old number was folded back into the person who left it")
                .isNotEqualTo(contact(NEW_NUMBER).key());
        assertThat(contact(NEW_NUMBER).names().waId()).contains(NEW_NUMBER);
        assertThat(send(Recipient.of(NEW_NUMBER), true)).isInstanceOf(Result.Sent.class);
    }
}
