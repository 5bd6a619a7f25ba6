package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.out.SentMessage;
import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactRef;
import dev.trustgate.domain.Fixtures;
import dev.trustgate.domain.HeldMessage;
import dev.trustgate.domain.HeldMessageResult;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.UserId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@MethodSource("dev.trustgate.adapters.persistence.Storages#kinds")
class MessageLogContractTest extends StorageContract {

    MessageLogContractTest() {
        super("messages");
    }

    @Test
    void aSendIsRecordedWithItsPinAndFoundByWhatsAppsId() {
        SentMessage sending = new SentMessage("msg_1", Fixtures.KEY, new Recipient(Optional.of(Fixtures.WA_ID),
                Optional.of(new UserId("US.13491208655302741918"))), Optional.of(Fixtures.H1), true, Fixtures.T0,
                Optional.of(Fixtures.H1), SentMessage.Status.SENDING, Optional.empty(), false);
        storage.tx(() -> {
            storage.messages().saveSent(sending);
            return null;
        });
        SentMessage sent = sending.withOutcome(SentMessage.Status.SENT, Optional.of("wamid.HBgL=="));
        storage.tx(() -> {
            storage.messages().saveSent(sent);
            return null;
        });

        assertThat(storage.tx(() -> storage.messages().findSentByWhatsAppId("wamid.HBgL=="))).contains(sent);
        assertThat(storage.tx(() -> storage.messages().findSentByWhatsAppId("wamid.other"))).isEmpty();
    }

    @Test
    void heldMessagesAreListedOldestFirstUntilResolved() {
        HeldMessage first = held("held_1", 1);
        HeldMessage second = held("held_2", 2);
        storage.tx(() -> {
            storage.messages().hold(second);
            storage.messages().hold(first);
            return null;
        });
        assertThat(storage.tx(() -> storage.messages().listHeld(Fixtures.KEY, Optional.empty(), 100))).containsExactly(first, second);

        assertThat(storage.tx(() -> storage.messages().resolve(discarded(first, 9)))).isTrue();

        assertThat(storage.tx(() -> storage.messages().listHeld(Fixtures.KEY, Optional.empty(), 100))).containsExactly(second);
        assertThat(storage.tx(() -> storage.messages().countHeld(Fixtures.KEY))).isEqualTo(1);
        assertThat(storage.tx(() -> storage.messages().findHeld("held_1")))
                .contains(discarded(first, 9));
    }

    @Test
    void aHeldMessageIsResolvedOnceAndHeldAgainOnlyFromTheReleaseThatFailed() {
        HeldMessage message = held("held_1", 1);
        storage.tx(() -> {
            storage.messages().hold(message);
            return null;
        });

        assertThat(storage.tx(() -> storage.messages().resolve(released(message, "msg_1", 5)))).isTrue();
        assertThat(storage.tx(() -> storage.messages().resolve(released(message, "msg_2", 6)))).as("a second release").isFalse();
        assertThat(storage.tx(() -> storage.messages().resolve(discarded(message, 6)))).as("a discard after the release").isFalse();
        assertThat(storage.tx(() -> storage.messages().findHeld("held_1"))).contains(released(message, "msg_1", 5));

        HeldMessage heldAgain = changed(released(message, "msg_1", 5).holdAgain("msg_1"));
        assertThat(storage.tx(() -> storage.messages().holdAgain(heldAgain, "msg_2"))).as("another send's failure").isFalse();
        assertThat(storage.tx(() -> storage.messages().holdAgain(heldAgain, "msg_1"))).isTrue();
        assertThat(storage.tx(() -> storage.messages().findHeld("held_1"))).contains(message);
        assertThat(storage.tx(() -> storage.messages().holdAgain(heldAgain, "msg_1"))).as("only once").isFalse();

        assertThat(storage.tx(() -> storage.messages().resolve(discarded(message, 7)))).isTrue();
        assertThat(storage.tx(() -> storage.messages().resolve(discarded(held("missing", 1), 7)))).isFalse();
    }

    @Test
    void heldMessagesArePagedInHoldingOrderAfterAnyMessageOfTheContact() {
        // two held at the same moment are ordered by id; a resolved message still marks a place in the order
        List<HeldMessage> held = List.of(held("held_a", 1), held("held_b", 2), held("held_c", 2), held("held_d", 3),
                held("held_e", 4));
        storage.tx(() -> {
            held.forEach(storage.messages()::hold);
            return null;
        });
        assertThat(storage.tx(() -> storage.messages().listHeld(Fixtures.KEY, Optional.empty(), 2)))
                .containsExactlyElementsOf(held.subList(0, 2));
        assertThat(storage.tx(() -> storage.messages().listHeld(Fixtures.KEY, Optional.of(held.get(1)), 2)))
                .containsExactlyElementsOf(held.subList(2, 4));
        storage.tx(() -> storage.messages().resolve(discarded(held.get(3), 9)));
        assertThat(storage.tx(() -> storage.messages().listHeld(Fixtures.KEY, Optional.of(held.get(3)), 2)))
                .containsExactly(held.get(4));
        assertThat(storage.tx(() -> storage.messages().listHeld(Fixtures.KEY, Optional.of(held.get(4)), 2))).isEmpty();
    }

    @Test
    void heldMessagesAreCountedPerContactInOneQueryAndPerBusinessNumber() {
        ContactKey other = new ContactKey(Fixtures.KEY.business(), new ContactId("ct_other"));
        ContactKey elsewhere = new ContactKey(new BusinessNumberId("999000111"), Fixtures.KEY.id());
        storage.tx(() -> {
            storage.messages().hold(held("held_1", 1));
            storage.messages().hold(held("held_2", 2));
            storage.messages().hold(held("held_3", 3));
            storage.messages().hold(heldFor(other, "held_4", 4));
            storage.messages().hold(heldFor(elsewhere, "held_5", 5));
            return storage.messages().resolve(discarded(held("held_3", 3), 9));
        });

        assertThat(storage.tx(() -> storage.messages().countHeld(Fixtures.KEY.business(),
                List.of(Fixtures.KEY.id(), other.id(), new ContactId("ct_none")))))
                .isEqualTo(Map.of(Fixtures.KEY.id(), 2, other.id(), 1));
        assertThat(storage.tx(() -> storage.messages().countHeld(Fixtures.KEY.business(), List.of()))).isEmpty();
        assertThat(storage.tx(() -> storage.messages().countHeld(Fixtures.KEY.business()))).isEqualTo(3);
        assertThat(storage.tx(() -> storage.messages().countHeld(elsewhere.business()))).isEqualTo(1);
    }

    private static HeldMessage held(String id, int second) {
        return heldFor(Fixtures.KEY, id, second);
    }

    private static HeldMessage heldFor(ContactKey contact, String id, int second) {
        return HeldMessage.hold(id, new ContactRef(contact, Fixtures.NAMES), Recipient.of(Fixtures.WA_ID),
                "{\"type\":\"text\",\"text\":{\"body\":\"ünïcødé\"}}", false, BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED,
                Fixtures.ALICE, Fixtures.t(second)).message();
    }

    private static HeldMessage released(HeldMessage held, String sentMessageId, int second) {
        return changed(held.release(sentMessageId, Fixtures.t(second)));
    }

    private static HeldMessage discarded(HeldMessage held, int second) {
        return changed(held.discard(new ContactRef(held.contact(), Fixtures.NAMES), Fixtures.ALICE, Fixtures.t(second)));
    }

    private static HeldMessage changed(HeldMessageResult result) {
        return result.fold(HeldMessageResult.Changed::message, rejected -> {
            throw new AssertionError(rejected.detail());
        });
    }
}
