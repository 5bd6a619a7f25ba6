package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.out.HeldMessage;
import dev.trustgate.application.port.out.SentMessage;
import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.Fixtures;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.UserId;
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

        assertThat(storage.tx(() -> storage.messages().findSent("msg_1"))).contains(sent);
        assertThat(storage.tx(() -> storage.messages().findSentByWhatsAppId("wamid.HBgL=="))).contains(sent);
        assertThat(storage.tx(() -> storage.messages().findSentByWhatsAppId("wamid.other"))).isEmpty();
    }

    @Test
    void heldMessagesAreListedOldestFirstUntilResolved() {
        HeldMessage first = held("held_1", 1);
        HeldMessage second = held("held_2", 2);
        storage.tx(() -> {
            storage.messages().saveHeld(second);
            storage.messages().saveHeld(first);
            return null;
        });
        assertThat(storage.tx(() -> storage.messages().listHeld(Fixtures.KEY))).containsExactly(first, second);

        HeldMessage discarded = first.resolved(HeldMessage.Status.DISCARDED, Optional.empty(), Fixtures.t(9));
        storage.tx(() -> {
            storage.messages().saveHeld(discarded);
            return null;
        });

        assertThat(storage.tx(() -> storage.messages().listHeld(Fixtures.KEY))).containsExactly(second);
        assertThat(storage.tx(() -> storage.messages().countHeld(Fixtures.KEY))).isEqualTo(1);
        assertThat(storage.tx(() -> storage.messages().findHeld("held_1"))).contains(discarded);
    }

    private static HeldMessage held(String id, int second) {
        return new HeldMessage(id, Fixtures.KEY, Recipient.of(Fixtures.WA_ID), "{\"type\":\"text\",\"text\":{\"body\":\"ünïcødé\"}}", false,
                BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED, Fixtures.t(second), HeldMessage.Status.HELD,
                Optional.empty(), Optional.empty());
    }
}
