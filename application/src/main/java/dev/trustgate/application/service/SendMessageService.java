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
        command.caller().requireAccess(command.from());
        Object decided = retry.inTransaction(() -> {
            SendGate.Decision gateDecision = gate.decide(command.from(), command.to(), command.sensitive());
            if (gateDecision.decision() instanceof SendDecision.Allowed allowed) {
                return gate.recordDecision(ids.newId("msg"), gateDecision.contact(), allowed, command.sensitive());
            }
            SendDecision.Blocked blocked = (SendDecision.Blocked) gateDecision.decision();
            Instant now = clock.now();
            if (command.onBlocked() == OnBlocked.HOLD) {
                HeldMessage held = new HeldMessage(ids.newId("held"), gateDecision.contact().key(), command.to(),
                        command.messageJson(), command.sensitive(), blocked.reason(), now, HeldMessage.Status.HELD,
                        Optional.empty(), Optional.empty());
                messages.hold(held);
                publisher.publish(List.of(new TrustEvent.MessageHeld(gateDecision.contact().ref(), now, command.caller().actor(),
                        held.id(), blocked.reason(), command.sensitive())));
                return new Result.Held(held.id(), blocked.reason());
            }
            publisher.publish(List.of(new TrustEvent.MessageBlocked(gateDecision.contact().ref(), now, command.caller().actor(),
                    blocked.reason(), command.sensitive())));
            return new Result.Blocked(blocked.reason());
        });
        if (decided instanceof SentMessage message) {
            return gate.forward(message, command.to(), command.messageJson(), () -> { }, () -> { });
        }
        return (Result) decided;
    }
}
