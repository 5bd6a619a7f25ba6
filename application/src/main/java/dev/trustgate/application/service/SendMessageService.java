package dev.trustgate.application.service;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.IdGenerator;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.SentMessage;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.HeldMessage;
import dev.trustgate.domain.HeldMessageResult;
import dev.trustgate.domain.SendDecision;
import dev.trustgate.domain.TrustEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The gated send. A blocked send is refused, or held when asked — within {@link HeldMessageLimits}, counted in the
 * holding transaction on the contact's locked row; when there is no room the send is refused (and recorded as
 * blocked) with {@code too_many_held_messages}.
 */
public final class SendMessageService implements SendMessageUseCase {

    private final Transactions transactions;
    private final SendGate gate;
    private final MessageLog messages;
    private final EventPublisher publisher;
    private final IdGenerator ids;
    private final Clock clock;
    private final HeldMessageLimits limits;

    public SendMessageService(Transactions transactions, SendGate gate, MessageLog messages,
                              EventPublisher publisher, IdGenerator ids, Clock clock, HeldMessageLimits limits) {
        this.transactions = transactions;
        this.gate = gate;
        this.messages = messages;
        this.publisher = publisher;
        this.ids = ids;
        this.clock = clock;
        this.limits = limits;
    }

    @Override
    public Result send(Command command) {
        command.caller().requireAccess(command.from());
        gate.requireCarried(command.messageJson());
        Supplier<Result> afterCommit = transactions.inTransaction(() -> {
            SendGate.Decision gateDecision = gate.decide(command.from(), command.to(), command.sensitive());
            return gateDecision.decision().<Supplier<Result>>fold(allowed -> {
                SentMessage message = gate.recordDecision(ids.newId("msg"), gateDecision.contact(), command.to(), allowed,
                        command.sensitive());
                return () -> gate.forward(message, command.to(), command.messageJson(), () -> { }, () -> { });
            }, blocked -> refuse(command, gateDecision.contact(), blocked));
        });
        return afterCommit.get();
    }

    /**
     * Inside the transaction: holds a blocked send when asked and there is room, else records it as blocked. Returns
     * what to answer once that committed: the hold, the refusal, or (no room to hold it) {@code too_many_held_messages}.
     */
    private Supplier<Result> refuse(Command command, ContactTrust contact, SendDecision.Blocked blocked) {
        Instant now = clock.now();
        Optional<TrustgateException> full = command.onBlocked() == OnBlocked.HOLD ? noRoom(contact, blocked) : Optional.empty();
        if (command.onBlocked() == OnBlocked.HOLD && full.isEmpty()) {
            HeldMessageResult.Changed held = HeldMessage.hold(ids.newId("held"), contact.ref(), command.to(),
                    command.messageJson(), command.sensitive(), blocked.reason(), command.caller().actor(), now);
            messages.hold(held.message());
            publisher.publish(held.events());
            Result result = new Result.Held(held.message().id(), blocked.reason());
            return () -> result;
        }
        publisher.publish(List.of(new TrustEvent.MessageBlocked(contact.ref(), now, command.caller().actor(), blocked.reason(),
                command.sensitive())));
        if (full.isPresent()) {
            // the send was recorded as blocked; it could not be held
            TrustgateException noRoom = full.get();
            return () -> {
                throw noRoom;
            };
        }
        Result result = new Result.Blocked(blocked.reason());
        return () -> result;
    }

    /** Why a message to {@code contact} cannot be held now, if the contact or its business number is full. */
    private Optional<TrustgateException> noRoom(ContactTrust contact, SendDecision.Blocked blocked) {
        String why = "the message was not sent (" + blocked.reason().code() + ") and cannot be held: ";
        String what = "; release or discard held messages (GET …/contacts/{customer}/held-messages) first";
        if (messages.countHeld(contact.key()) >= limits.perContact()) {
            return Optional.of(new TrustgateException(ErrorCode.TOO_MANY_HELD_MESSAGES, why + "the customer already has "
                    + limits.perContact() + " held messages, the most allowed" + what,
                    Map.of("limit", limits.perContact(), "scope", "contact", "reason", blocked.reason().code())));
        }
        if (messages.countHeld(contact.key().business()) >= limits.perBusiness()) {
            return Optional.of(new TrustgateException(ErrorCode.TOO_MANY_HELD_MESSAGES, why + "business number "
                    + contact.key().business().value() + " already has " + limits.perBusiness()
                    + " held messages, the most allowed" + what,
                    Map.of("limit", limits.perBusiness(), "scope", "business", "reason", blocked.reason().code())));
        }
        return Optional.empty();
    }
}
