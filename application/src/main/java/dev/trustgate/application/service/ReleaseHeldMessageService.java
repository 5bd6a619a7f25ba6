package dev.trustgate.application.service;

import dev.trustgate.application.TrustgateException;
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
import java.time.Instant;
import java.util.function.Supplier;

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
        Supplier<Result> afterCommit = transactions.inTransaction(() -> {
            HeldMessage held;
            try {
                held = HeldMessages.findHeld(messages, command.caller(), command.heldMessageId());
            } catch (TrustgateException refused) {
                // nothing written yet: refused after the commit, so a transaction shared with others still commits
                return () -> {
                    throw refused;
                };
            }
            SendGate.Decision gateDecision = gate.decide(held.contact().business(), held.recipient(), held.sensitive());
            return gateDecision.decision().<Supplier<Result>>fold(allowed -> {
                Instant now = clock.now();
                SentMessage sent = gate.recordDecision(ids.newId("msg"), gateDecision.contact(), held.recipient(), allowed,
                        held.sensitive());
                HeldMessage released = HeldMessages.resolve(messages, held, held.release(sent.id(), now)).message();
                ContactRef contact = gateDecision.contact().ref();
                return () -> forward(command, sent, released, contact);
            }, blocked -> {
                Result result = new Result.Blocked(blocked.reason());
                return () -> result;
            });
        });
        return afterCommit.get();
    }

    /** What a command on a message this release holds as released did: it cannot be refused. */
    private static HeldMessageResult.Changed changed(HeldMessageResult result) {
        return result.fold(changed -> changed, rejected -> {
            throw new IllegalStateException("a released message refused: " + rejected.detail());
        });
    }

    /** After the release committed: forwards it, and records what WhatsApp made of it. */
    private Result forward(Command command, SentMessage sent, HeldMessage released, ContactRef contact) {
        return gate.forward(sent, released.recipient(), released.body(),
                () -> publisher.publish(changed(released.forwarded(contact, command.caller().actor(), sent.pin(),
                        clock.now())).events()),
                () -> messages.holdAgain(changed(released.holdAgain(sent.id())).message(), sent.id()));
    }
}
