package dev.trustgate.application.service;

import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.HeldMessage;
import dev.trustgate.application.port.out.IdGenerator;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.SentMessage;
import dev.trustgate.domain.SendDecision;
import dev.trustgate.domain.TrustEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public final class SendMessageService implements SendMessageUseCase {

    private final Transactional retry;
    private final SendGate gate;
    private final MessageLog messages;
    private final EventPublisher publisher;
    private final IdGenerator ids;
    private final Clock clock;

    public SendMessageService(Transactional retry, SendGate gate, MessageLog messages,
                              EventPublisher publisher, IdGenerator ids, Clock clock) {
        this.retry = retry;
        this.gate = gate;
        this.messages = messages;
        this.publisher = publisher;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Result send(Command command) {
        command.caller().requireAccess(command.to().business());
        Object decided = retry.inTransaction(() -> {
            SendDecision decision = gate.decide(command.to(), command.sensitive());
            if (decision instanceof SendDecision.Allowed allowed) {
                return gate.recordDecision(ids.newId("msg"), command.to(), allowed, command.sensitive());
            }
            SendDecision.Blocked blocked = (SendDecision.Blocked) decision;
            Instant now = clock.now();
            if (command.onBlocked() == OnBlocked.HOLD) {
                HeldMessage held = new HeldMessage(ids.newId("held"), command.to(), command.messageJson(), command.sensitive(),
                        blocked.reason(), now, HeldMessage.Status.HELD, Optional.empty(), Optional.empty());
                messages.saveHeld(held);
                publisher.publish(List.of(new TrustEvent.MessageHeld(command.to(), now, command.caller().actor(), held.id(),
                        blocked.reason(), command.sensitive())));
                return new Result.Held(held.id(), blocked.reason());
            }
            publisher.publish(List.of(new TrustEvent.MessageBlocked(command.to(), now, command.caller().actor(),
                    blocked.reason(), command.sensitive())));
            return new Result.Blocked(blocked.reason());
        });
        if (decided instanceof SentMessage message) {
            return gate.forward(message, command.messageJson(), () -> { });
        }
        return (Result) decided;
    }
}
