package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.in.AcknowledgeIdentityChangeUseCase;
import dev.trustgate.application.port.in.ContactSelector;
import dev.trustgate.application.port.in.GetContactTrustUseCase;
import dev.trustgate.application.port.in.RecordAuthenticationUseCase;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Kind;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Signal;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase.OnBlocked;
import dev.trustgate.application.port.in.SendMessageUseCase.Result;
import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.ParentUserId;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.TrustState;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The gate holds for every name of a customer (DESIGN §4 "Who a customer is"), on in-memory ports. */
class WhoACustomerIsTest extends ServiceTestSupport {

    private static final UserId USER = new UserId("US.13491208655302741918");
    private static final ParentUserId PARENT = new ParentUserId("US.ENT.11815799212886844830");
    private static final WaId BRAZIL_OLD_FORM = new WaId("551187654321");
    private static final WaId BRAZIL_TYPED = new WaId("5511987654321");
    private static final WaId NEW_NUMBER = new WaId("12195555358");
    private static final UserId NEW_USER = new UserId("US.20871465530927713564");
    private static long clock = 1_750_000_000L;

    private void observe(ContactNames names, IdentityHash hash) {
        record(Signal.of(Optional.of("m" + clock), BUSINESS, names, Kind.OBSERVED, Optional.of(hash), Instant.ofEpochSecond(clock++),
                SignalSource.WHATSAPP_MESSAGE, Optional.empty()));
    }

    private void record(Signal signal) {
        services.recordSignals.record(List.of(signal));
    }

    private Result send(Recipient to, boolean sensitive) {
        return services.send.send(new SendMessageUseCase.Command(ALICE, BUSINESS, to, TEXT, sensitive, OnBlocked.REJECT));
    }

    private ContactTrust contact(CustomerName name) {
        return services.getContact.get(new GetContactTrustUseCase.Query(ALICE, new ContactSelector(BUSINESS, name))).contact();
    }

    @Test
    void aUsernameCustomerKnownOnlyByUserIdIsBaselinedBlockedAndAcknowledged() {
        optIn();
        observe(ContactNames.of(USER, PARENT), OLD);
        assertThat(send(Recipient.of(USER), false)).isInstanceOfSatisfying(Result.Sent.class, s -> assertThat(s.pin()).contains(OLD));

        observe(ContactNames.of(USER, PARENT), NEW);

        assertThat(contact(USER).state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        assertThat(contact(PARENT).key()).isEqualTo(contact(USER).key());
        assertThat(send(Recipient.of(USER), false)).isEqualTo(new Result.Blocked(BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED));
        assertThat(send(Recipient.of(PARENT), false)).isEqualTo(new Result.Blocked(BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED));

        services.acknowledge.acknowledge(new AcknowledgeIdentityChangeUseCase.Command(ALICE, new ContactSelector(BUSINESS, USER),
                NEW, Evidence.NONE));
        assertThat(send(Recipient.of(USER), false)).isInstanceOfSatisfying(Result.Sent.class, s -> assertThat(s.pin()).contains(NEW));
    }

    @Test
    void aSendToAnotherSpellingOfABlockedNumberIsBlocked() {
        optIn();
        observe(ContactNames.of(BRAZIL_OLD_FORM), OLD);
        observe(ContactNames.of(BRAZIL_OLD_FORM), NEW);

        assertThat(send(Recipient.of(BRAZIL_TYPED), false)).isEqualTo(new Result.Blocked(BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED));
        assertThat(contact(BRAZIL_TYPED).names().waId()).as("found by its alias, keeping WhatsApp's spelling")
                .contains(BRAZIL_OLD_FORM);
        assertThat(core.whatsApp.forwarded()).isEmpty();
    }

    @Test
    void aSendNamingBothToAndRecipientIsBlockedWhenEitherContactIsBlocked() {
        optIn();
        observe(ContactNames.of(WA_ID), OLD);
        observe(ContactNames.of(USER), OLD);
        observe(ContactNames.of(USER), NEW);

        Result result = send(new Recipient(Optional.of(WA_ID), Optional.of(USER)), false);

        assertThat(result).isEqualTo(new Result.Blocked(BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED));
    }

    @Test
    void namesSeenTogetherMergeTwoContactsIntoTheStricterOne() {
        optIn();
        observe(ContactNames.of(WA_ID), OLD);
        services.recordAuthentication.authenticated(new RecordAuthenticationUseCase.Command(ALICE, CUSTOMER, Evidence.NONE));
        observe(ContactNames.of(USER), OLD);
        observe(ContactNames.of(USER), NEW);
        assertThat(contact(WA_ID).state()).isEqualTo(TrustState.TRUSTED);

        observe(ContactNames.of(WA_ID, USER), NEW);

        ContactTrust merged = contact(WA_ID);
        assertThat(contact(USER).key()).isEqualTo(merged.key());
        assertThat(merged.state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        assertThat(send(TO, false)).isEqualTo(new Result.Blocked(BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED));
        assertThat(eventTypes()).contains("contact.merged");
    }

    @Test
    void whatWhatsAppAnswersASendWithIsLearnedAsTheContactsNames() {
        optIn();
        core.whatsApp.answerSendsTo(BRAZIL_TYPED, ContactNames.of(BRAZIL_OLD_FORM, USER));

        assertThat(send(Recipient.of(BRAZIL_TYPED), false)).isInstanceOf(Result.Sent.class);

        ContactTrust contact = contact(USER);
        assertThat(contact.names().waId()).contains(BRAZIL_OLD_FORM);
        assertThat(contact(BRAZIL_TYPED).key()).isEqualTo(contact.key());
    }

    @Test
    void aRefusedSendNamingOnlyTheUserIdBlocksThatCustomer() {
        optIn();
        observe(ContactNames.of(USER), OLD);
        String wamid = ((Result.Sent) send(Recipient.of(USER), false)).messageId();

        record(Signal.of(Optional.of("s1"), BUSINESS, ContactNames.of(USER), Kind.SEND_REFUSED, Optional.empty(),
                Instant.ofEpochSecond(clock++), SignalSource.WHATSAPP_IDENTITY_MISMATCH, Optional.of(wamid)));

        assertThat(contact(USER).state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        assertThat(contact(USER).pendingChange().orElseThrow().hash()).isEmpty();
    }

    @Test
    void aNumberChangeKeepsTheCustomersTrustOnTheNewNumberAndBlocksTheOldOne() {
        optIn();
        observe(ContactNames.of(WA_ID, USER), OLD);
        services.recordAuthentication.authenticated(new RecordAuthenticationUseCase.Command(ALICE, CUSTOMER, Evidence.NONE));
        ContactTrust before = contact(WA_ID);

        record(new Signal(Optional.of("sys1"), BUSINESS, ContactNames.of(WA_ID, USER), Kind.NUMBER_CHANGED, Optional.empty(),
                Instant.ofEpochSecond(clock++), SignalSource.WHATSAPP_SYSTEM, Optional.empty(), ContactNames.of(NEW_NUMBER, NEW_USER)));

        ContactTrust moved = contact(NEW_NUMBER);
        assertThat(moved.key()).isEqualTo(before.key());
        assertThat(moved.state()).isEqualTo(TrustState.TRUSTED);
        assertThat(contact(NEW_USER).key()).isEqualTo(before.key());
        assertThat(contact(USER).key()).as("the earlier user id stays an alias").isEqualTo(before.key());
        ContactTrust old = contact(WA_ID);
        assertThat(old.key()).isNotEqualTo(before.key());
        assertThat(old.state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        assertThat(send(TO, false)).isEqualTo(new Result.Blocked(BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED));
        assertThat(send(Recipient.of(NEW_NUMBER), true)).isInstanceOf(Result.Sent.class);
        assertThat(eventTypes()).contains("contact.number_changed");
    }

    @Test
    void aUserIdChangeLinksTheNewIdAndKeepsTheOldOneAsAlias() {
        optIn();
        observe(ContactNames.of(USER), OLD);
        ContactTrust before = contact(USER);

        record(new Signal(Optional.of("sys2"), BUSINESS, ContactNames.of(USER), Kind.USER_ID_CHANGED, Optional.empty(),
                Instant.ofEpochSecond(clock++), SignalSource.WHATSAPP_SYSTEM, Optional.empty(), ContactNames.of(NEW_USER)));

        assertThat(contact(NEW_USER).key()).isEqualTo(before.key());
        assertThat(contact(NEW_USER).names().userId()).contains(NEW_USER);
        assertThat(contact(USER).key()).isEqualTo(before.key());
        assertThat(contact(USER).identityHash()).contains(OLD);
    }
}
