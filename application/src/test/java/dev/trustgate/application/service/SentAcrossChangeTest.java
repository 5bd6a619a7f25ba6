package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Kind;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase.OnBlocked;
import dev.trustgate.application.port.in.SendMessageUseCase.Result;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.application.port.out.SentMessage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A send decided just before an identity change commits still leaves; trustgate tells the business which
 * message may have reached the new owner (DESIGN §2 invariant; the race WhatsApp's pin covers only when pinned).
 */
class SentAcrossChangeTest extends ServiceTestSupport {

    private Result send() {
        return services.send.send(new SendMessageUseCase.Command(ALICE, BUSINESS, TO, TEXT, false, OnBlocked.REJECT));
    }

    private SentMessage sent(String messageId) {
        return core.messages.allSent().stream().filter(m -> m.whatsappMessageId().filter(messageId::equals).isPresent())
                .findFirst().orElseThrow();
    }

    @Test
    void aSendThatLeftWhileAnIdentityChangeCommittedIsRecordedAndReported() {
        optIn();
        baseline();
        core.whatsApp.duringNextSend(this::identityChanges);

        Result.Sent result = (Result.Sent) send();

        assertThat(sent(result.messageId()).acrossChange()).isTrue();
        RecordedEvent reported = core.events.read(BUSINESS, 0, 100).stream()
                .filter(e -> e.type().equals("message.sent_across_change")).findFirst().orElseThrow();
        assertThat(reported.data()).containsEntry("whatsappMessageId", result.messageId())
                .containsEntry("pinnedIdentityHash", OLD.value()).containsEntry("pinned", "true");
        assertThat(reported.contact().key()).isEqualTo(key());
    }

    @Test
    void anUnpinnedSendToANeverSeenCustomerThatRacedAChangeIsReportedAsUnpinned() {
        optIn();
        core.whatsApp.duringNextSend(() -> signal(Kind.CHANGED, Optional.of(NEW), 1_750_000_100L, "chg"));

        Result.Sent result = (Result.Sent) send();

        assertThat(result.pin()).as("nothing to pin a never-seen customer to").isEmpty();
        assertThat(sent(result.messageId()).acrossChange()).isTrue();
        assertThat(core.events.read(BUSINESS, 0, 100)).filteredOn(e -> e.type().equals("message.sent_across_change"))
                .singleElement().satisfies(e -> assertThat(e.data()).containsEntry("pinned", "false"));
    }

    @Test
    void anOrdinarySendIsNotMarked() {
        optIn();
        baseline();

        Result.Sent result = (Result.Sent) send();

        assertThat(sent(result.messageId()).acrossChange()).isFalse();
        assertThat(eventTypes()).doesNotContain("message.sent_across_change");
    }
}
