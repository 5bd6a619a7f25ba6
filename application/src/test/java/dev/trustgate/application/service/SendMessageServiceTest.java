package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.AcknowledgeIdentityChangeUseCase;
import dev.trustgate.application.port.in.ReleaseHeldMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase.OnBlocked;
import dev.trustgate.application.port.in.SendMessageUseCase.Result;
import dev.trustgate.application.port.out.SentMessage;
import dev.trustgate.application.port.out.WhatsAppGateway.SendOutcome;
import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.HeldMessage;
import org.junit.jupiter.api.Test;

class SendMessageServiceTest extends ServiceTestSupport {

    private Result send(OnBlocked onBlocked) {
        return services.send.send(new SendMessageUseCase.Command(ALICE, BUSINESS, TO, TEXT, false, onBlocked));
    }

    @Test
    void aBlockedSendNeverReachesWhatsAppAndIsRecorded() {
        optIn();
        baseline();
        identityChanges();

        assertThat(send(OnBlocked.REJECT)).isEqualTo(new Result.Blocked(BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED));

        assertThat(core.whatsApp.forwarded()).isEmpty();
        assertThat(core.messages.allSent()).isEmpty();
        assertThat(eventTypes()).endsWith("message.blocked");
    }

    @Test
    void anAllowedSendIsRecordedWithItsPinAndWhatsAppsMessageId() {
        optIn();
        baseline();

        Result.Sent sent = (Result.Sent) send(OnBlocked.REJECT);

        assertThat(core.whatsApp.forwarded()).singleElement().satisfies(f -> {
            assertThat(f.pin()).contains(OLD);
            assertThat(f.body()).isEqualTo(TEXT);
        });
        assertThat(core.messages.findSentByWhatsAppId(sent.messageId())).hasValueSatisfying(m -> {
            assertThat(m.pin()).contains(OLD);
            assertThat(m.status()).isEqualTo(SentMessage.Status.SENT);
        });
    }

    @Test
    void aBusinessThatDidNotOptInSendsUnpinned() {
        baseline();

        assertThat(send(OnBlocked.REJECT)).isInstanceOfSatisfying(Result.Sent.class, s -> assertThat(s.pin()).isEmpty());
    }

    @Test
    void aHeldMessageIsReleasedOnlyAfterAcknowledgementAndThenPinnedToTheNewIdentity() {
        optIn();
        baseline();
        identityChanges();
        Result.Held held = (Result.Held) send(OnBlocked.HOLD);
        assertThat(core.messages.countHeld(key())).isEqualTo(1);

        assertThat(services.release.release(new ReleaseHeldMessageUseCase.Command(ALICE, held.heldMessageId())))
                .isEqualTo(new Result.Blocked(BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED));
        assertThat(core.whatsApp.forwarded()).isEmpty();

        services.acknowledge.acknowledge(new AcknowledgeIdentityChangeUseCase.Command(ALICE, CUSTOMER, NEW, Evidence.NONE));
        Result released = services.release.release(new ReleaseHeldMessageUseCase.Command(ALICE, held.heldMessageId()));

        assertThat(released).isInstanceOfSatisfying(Result.Sent.class, s -> assertThat(s.pin()).contains(NEW));
        assertThat(core.messages.findHeld(held.heldMessageId())).hasValueSatisfying(
                m -> assertThat(m.status()).isEqualTo(HeldMessage.Status.RELEASED));
        assertThat(eventTypes()).contains("message.held", "message.released");
        assertThatThrownBy(() -> services.release.release(new ReleaseHeldMessageUseCase.Command(ALICE, held.heldMessageId())))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    }

    @Test
    void aReleaseWhatsAppCertainlyDidNotGetIsHeldAgain() {
        optIn();
        baseline();
        identityChanges();
        Result.Held held = (Result.Held) send(OnBlocked.HOLD);
        services.acknowledge.acknowledge(new AcknowledgeIdentityChangeUseCase.Command(ALICE, CUSTOMER, NEW, Evidence.NONE));
        core.whatsApp.answerNextSendWith(new SendOutcome.Unavailable("connection refused", false, false));

        assertThatThrownBy(() -> services.release.release(new ReleaseHeldMessageUseCase.Command(ALICE, held.heldMessageId())))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR));
        assertThat(core.messages.findHeld(held.heldMessageId())).hasValueSatisfying(
                m -> assertThat(m.status()).isEqualTo(HeldMessage.Status.HELD));
        assertThat(eventTypes()).as("nothing was released").doesNotContain("message.released");
    }

    @Test
    void aReleaseWhatsAppRefusedIsHeldAgainAndTheLogSaysNothingWasReleased() {
        optIn();
        baseline();
        identityChanges();
        Result.Held held = (Result.Held) send(OnBlocked.HOLD);
        services.acknowledge.acknowledge(new AcknowledgeIdentityChangeUseCase.Command(ALICE, CUSTOMER, NEW, Evidence.NONE));
        core.whatsApp.refuseNextSend(131026, "Message undeliverable");

        assertThat(services.release.release(new ReleaseHeldMessageUseCase.Command(ALICE, held.heldMessageId())))
                .isInstanceOf(Result.RefusedUpstream.class);

        assertThat(core.messages.findHeld(held.heldMessageId())).hasValueSatisfying(
                m -> assertThat(m.status()).isEqualTo(HeldMessage.Status.HELD));
        assertThat(eventTypes()).as("the log never claims a release WhatsApp refused").doesNotContain("message.released");

        Result released = services.release.release(new ReleaseHeldMessageUseCase.Command(ALICE, held.heldMessageId()));
        assertThat(released).isInstanceOf(Result.Sent.class);
        assertThat(eventTypes()).filteredOn("message.released"::equals).hasSize(1);
        assertThat(core.events.read(BUSINESS, 0, 1000)).filteredOn(e -> e.type().equals("message.released")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("heldMessageId", held.heldMessageId())
                        .containsEntry("pinnedIdentityHash", NEW.value()));
    }

    @Test
    void aReleaseThatMayHaveReachedWhatsAppIsRecordedAsReleased() {
        optIn();
        baseline();
        identityChanges();
        Result.Held held = (Result.Held) send(OnBlocked.HOLD);
        services.acknowledge.acknowledge(new AcknowledgeIdentityChangeUseCase.Command(ALICE, CUSTOMER, NEW, Evidence.NONE));
        core.whatsApp.answerNextSendWith(new SendOutcome.Unavailable("timed out", true, true));

        assertThatThrownBy(() -> services.release.release(new ReleaseHeldMessageUseCase.Command(ALICE, held.heldMessageId())))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.details()).containsEntry("mayHaveBeenSent", true));

        assertThat(core.messages.findHeld(held.heldMessageId())).hasValueSatisfying(
                m -> assertThat(m.status()).isEqualTo(HeldMessage.Status.RELEASED));
        assertThat(eventTypes()).as("WhatsApp may have delivered it: released, never sent again").endsWith("message.released");
    }

    @Test
    void aHoldBeyondTheLimitsIsRefusedRecordedAsBlockedAndNotKept() {
        TrustgateServices limited = new TrustgateServices(core.ports(), url -> true, new HeldMessageLimits(2, 3));
        java.util.function.Function<String, Object> hold = waId -> {
            try {
                return limited.send.send(new SendMessageUseCase.Command(ALICE, BUSINESS, dev.trustgate.domain.Recipient.of(
                        new dev.trustgate.domain.WaId(waId)), TEXT, true, OnBlocked.HOLD));
            } catch (TrustgateException refused) {
                return refused;
            }
        };
        assertThat(hold.apply("16505551234")).isInstanceOf(Result.Held.class);
        assertThat(hold.apply("16505551234")).isInstanceOf(Result.Held.class);

        assertThat(hold.apply("16505551234")).isInstanceOfSatisfying(TrustgateException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_HELD_MESSAGES);
            assertThat(e.details()).containsEntry("scope", "contact").containsEntry("limit", 2).containsEntry("reason", "not_trusted");
        });
        assertThat(eventTypes()).as("the gate blocked it; it was not held").endsWith("message.held", "message.held", "message.blocked");

        assertThat(hold.apply("16505559999")).isInstanceOf(Result.Held.class);
        assertThat(hold.apply("16505558888")).isInstanceOfSatisfying(TrustgateException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_HELD_MESSAGES);
            assertThat(e.details()).containsEntry("scope", "business").containsEntry("limit", 3);
            assertThat(e.getMessage()).contains("release or discard");
        });
        assertThat(core.messages.countHeld(BUSINESS)).isEqualTo(3);
    }

    @Test
    void aTimeoutAfterTheRequestWasWrittenIsReportedAndRecordedAsUnknownNeverRetried() {
        optIn();
        baseline();
        core.whatsApp.answerNextSendWith(new SendOutcome.Unavailable("timed out", true, true));

        assertThatThrownBy(() -> send(OnBlocked.REJECT))
                .isInstanceOfSatisfying(TrustgateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
                    assertThat(e.details()).containsEntry("mayHaveBeenSent", true);
                });
        assertThat(core.messages.allSent()).singleElement()
                .satisfies(m -> assertThat(m.status()).isEqualTo(SentMessage.Status.UNKNOWN));
        assertThat(core.whatsApp.forwarded()).isEmpty();
    }

    @Test
    void aGraphErrorIsPassedBack() {
        optIn();
        baseline();
        core.whatsApp.refuseNextSend(131030, "Recipient phone number not in allowed list");

        assertThat(send(OnBlocked.REJECT)).isInstanceOfSatisfying(Result.RefusedUpstream.class,
                r -> assertThat(r.status()).isEqualTo(400));
    }

    @Test
    void whenStorageIsDownNothingIsSentAndTheCallerIsTold() {
        optIn();
        baseline();
        core.transactions.failWith(true);

        assertThatThrownBy(() -> send(OnBlocked.REJECT))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));
        assertThat(core.whatsApp.forwarded()).isEmpty();
        assertThat(core.messages.allSent()).isEmpty();
    }
}
