package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.AcknowledgeIdentityChangeUseCase;
import dev.trustgate.application.port.in.DiscardHeldMessageUseCase;
import dev.trustgate.application.port.in.ReleaseHeldMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase.OnBlocked;
import dev.trustgate.application.port.in.SendMessageUseCase.Result;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.HeldMessage;
import dev.trustgate.domain.HeldMessageResult;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscardHeldMessageServiceTest extends ServiceTestSupport {

    private Result send(OnBlocked onBlocked) {
        return services.send.send(new SendMessageUseCase.Command(ALICE, BUSINESS, TO, TEXT, false, onBlocked));
    }

    /** A message held because the customer's identity changed and nobody acknowledged it yet. */
    private String held() {
        optIn();
        baseline();
        identityChanges();
        return ((Result.Held) send(OnBlocked.HOLD)).heldMessageId();
    }

    private HeldMessage discard(String id) {
        return services.discard.discard(new DiscardHeldMessageUseCase.Command(ALICE, id));
    }

    private HeldMessage.Status status(String id) {
        return core.messages.findHeld(id).orElseThrow().status();
    }

    @Test
    void discardingAHeldMessageIsFinal() {
        optIn();
        baseline();
        identityChanges();
        Result.Held held = (Result.Held) send(OnBlocked.HOLD);

        services.discard.discard(new DiscardHeldMessageUseCase.Command(ALICE, held.heldMessageId()));

        assertThat(core.messages.countHeld(key())).isZero();
        assertThatThrownBy(() -> services.discard.discard(new DiscardHeldMessageUseCase.Command(MALLORY, held.heldMessageId())))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aDiscardIsStoredAndRecordedAsMessageDiscardedByTheKeyThatDidIt() {
        String id = held();
        core.clock.advance(Duration.ofMinutes(3));

        HeldMessage discarded = discard(id);

        assertThat(discarded.status()).isEqualTo(HeldMessage.Status.DISCARDED);
        assertThat(discarded.resolvedAt()).contains(core.clock.now());
        assertThat(core.messages.findHeld(id)).contains(discarded);
        RecordedEvent last = core.events.read(BUSINESS, 0, 1000).stream().reduce((a, b) -> b).orElseThrow();
        assertThat(last.type()).isEqualTo("message.discarded");
        assertThat(last.actor()).isEqualTo(ALICE.actor());
        assertThat(core.whatsApp.forwarded()).as("nothing left trustgate").isEmpty();
    }

    @Test
    void aDiscardedMessageCanNeitherBeReleasedNorDiscardedAgain() {
        String id = held();
        discard(id);
        services.acknowledge.acknowledge(new AcknowledgeIdentityChangeUseCase.Command(ALICE, CUSTOMER, NEW, Evidence.NONE));
        List<String> before = eventTypes();

        assertThatThrownBy(() -> services.release.release(new ReleaseHeldMessageUseCase.Command(ALICE, id)))
                .isInstanceOfSatisfying(TrustgateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.details()).containsEntry("status", "discarded");
                });
        assertThatThrownBy(() -> discard(id))
                .isInstanceOfSatisfying(TrustgateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.details()).containsEntry("status", "discarded");
                });

        assertThat(core.whatsApp.forwarded()).isEmpty();
        assertThat(core.messages.allSent()).isEmpty();
        assertThat(status(id)).isEqualTo(HeldMessage.Status.DISCARDED);
        assertThat(eventTypes()).isEqualTo(before);
    }

    @Test
    void aDiscardAfterTheReleaseIsRefusedWithConflictAndTheMessageStaysReleased() {
        String id = held();
        services.acknowledge.acknowledge(new AcknowledgeIdentityChangeUseCase.Command(ALICE, CUSTOMER, NEW, Evidence.NONE));
        assertThat(services.release.release(new ReleaseHeldMessageUseCase.Command(ALICE, id))).isInstanceOf(Result.Sent.class);

        assertThatThrownBy(() -> discard(id))
                .isInstanceOfSatisfying(TrustgateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.details()).containsEntry("status", "released");
                });

        assertThat(status(id)).isEqualTo(HeldMessage.Status.RELEASED);
        assertThat(eventTypes()).contains("message.released").doesNotContain("message.discarded");
    }

    /**
     * The discard read the message as held, but a release stored its outcome first: the discard is refused with
     * conflict and its transaction leaves nothing behind.
     */
    @Test
    void aDiscardThatLosesTheRaceToAReleaseIsRefusedAndRecordsNothing() {
        String id = held();
        List<String> before = eventTypes();
        MessageLog releasedMeanwhile = (MessageLog) Proxy.newProxyInstance(MessageLog.class.getClassLoader(),
                new Class<?>[] {MessageLog.class}, (proxy, method, args) -> {
                    if (method.getName().equals("resolve")) {
                        HeldMessage stillHeld = core.messages.findHeld(id).orElseThrow();
                        core.messages.resolve(stillHeld.release("msg_race", core.clock.now())
                                .fold(HeldMessageResult.Changed::message, r -> {
                                    throw new AssertionError(r.detail());
                                }));
                    }
                    try {
                        return method.invoke(core.messages, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        DiscardHeldMessageService racing = new DiscardHeldMessageService(services.transactions, services.contacts, releasedMeanwhile,
                services.publisher, core.clock);

        assertThatThrownBy(() -> racing.discard(new DiscardHeldMessageUseCase.Command(ALICE, id)))
                .isInstanceOfSatisfying(TrustgateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.details()).containsEntry("status", "released");
                });

        assertThat(eventTypes()).as("no message.discarded").isEqualTo(before);
    }

    @Test
    void anotherBusinessesKeyCannotDiscardAndTheMessageStaysHeld() {
        String id = held();

        assertThatThrownBy(() -> services.discard.discard(new DiscardHeldMessageUseCase.Command(MALLORY, id)))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));

        assertThat(status(id)).isEqualTo(HeldMessage.Status.HELD);
        assertThat(eventTypes()).doesNotContain("message.discarded");
    }

    @Test
    void anUnknownOrBlankIdIsRefused() {
        held();

        assertThatThrownBy(() -> discard("held_unknown"))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> discard(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heldMessageId");

        assertThat(core.messages.countHeld(key())).isEqualTo(1);
    }
}
