package dev.trustgate.application.service;

import dev.trustgate.application.port.in.ReleaseHeldMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase.Result;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.IdGenerator;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.SentMessage;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.domain.ContactRef;
import dev.trustgate.domain.HeldMessage;
import dev.trustgate.domain.HeldMessageResult;
import dev.trustgate.domain.SendDecision;
import java.time.Instant;

/**
 * Releases a held message: the gate decides again as for a new send to the names the message addresses;
 * when allowed the message is marked released — only if it is still held, so of two racing releases, or a
 * release and a discard, one wins and the other is refused with {@code conflict} before anything leaves — and
 * forwarded pinned to the identity acknowledged now. {@code message.released} is recorded with WhatsApp's
 * answer, once WhatsApp accepted the message or may have got it (a timeout); should WhatsApp certainly not
 * have got it, the message is held again and the log records nothing: nothing was released.
 */
public final class ReleaseHeldMessageService implements ReleaseHeldMessageUseCase {

    private final Transactions transactions;
    private final SendGate gate;
    private final MessageLog messages;
    private final EventPublisher publisher;
    private final IdGenerator ids;
    private final Clock clock;

    public ReleaseHeldMessageService(Transactions transactions, SendGate gate, MessageLog messages,
                                     EventPublisher publisher, IdGenerator ids, Clock clock) {
        this.transactions = transactions;
        this.gate = gate;
        this.messages = messages;
        this.publisher = publisher;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Result release(Command command) {
        Object decided = transactions.inTransaction(() -> {
            HeldMessage held = HeldMessages.findHeld(messages, command.caller(), command.heldMessageId());
            SendGate.Decision gateDecision = gate.decide(held.contact().business(), held.recipient(), held.sensitive());
            if (gateDecision.decision() instanceof SendDecision.Blocked blocked) {
                return new Result.Blocked(blocked.reason());
            }
            Instant now = clock.now();
            SentMessage sent = gate.recordDecision(ids.newId("msg"), gateDecision.contact(), held.recipient(),
                    (SendDecision.Allowed) gateDecision.decision(), held.sensitive());
            HeldMessage released = HeldMessages.resolve(messages, held, held.release(sent.id(), now)).message();
            return new Release(sent, released, gateDecision.contact().ref());
        });
        if (decided instanceof Result result) {
            return result;
        }
        Release release = (Release) decided;
        return gate.forward(release.sent(), release.held().recipient(), release.held().body(),
                () -> publisher.publish(changed(release.held().forwarded(release.contact(), command.caller().actor(),
                        release.sent().pin(), clock.now())).events()),
                () -> messages.holdAgain(changed(release.held().holdAgain(release.sent().id())).message(), release.sent().id()));
    }

    /** What a command on a message this release holds as released did: it cannot be refused. */
    private static HeldMessageResult.Changed changed(HeldMessageResult result) {
        return result.fold(changed -> changed, rejected -> {
            throw new IllegalStateException("a released message refused: " + rejected.detail());
        });
    }

    /** A release decided and recorded, to be forwarded after the commit. */
    private record Release(SentMessage sent, HeldMessage held, ContactRef contact) {
    }
}
