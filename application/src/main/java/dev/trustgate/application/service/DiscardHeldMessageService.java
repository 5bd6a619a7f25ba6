package dev.trustgate.application.service;

import dev.trustgate.application.port.in.DiscardHeldMessageUseCase;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.domain.HeldMessage;
import dev.trustgate.domain.HeldMessageResult;
import java.time.Instant;

/**
 * Discards a held message for good, only if it is still held: a release that got there first wins, and the
 * discard is refused with {@code conflict}.
 */
public final class DiscardHeldMessageService implements DiscardHeldMessageUseCase {

    private final Transactions transactions;
    private final Contacts contacts;
    private final MessageLog messages;
    private final EventPublisher publisher;
    private final Clock clock;

    public DiscardHeldMessageService(Transactions transactions, Contacts contacts, MessageLog messages, EventPublisher publisher, Clock clock) {
        this.transactions = transactions;
        this.contacts = contacts;
        this.messages = messages;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public HeldMessage discard(Command command) {
        return transactions.inTransaction(() -> {
            HeldMessage held = HeldMessages.findHeld(messages, command.caller(), command.heldMessageId());
            Instant now = clock.now();
            HeldMessageResult.Changed discarded = HeldMessages.resolve(messages, held,
                    held.discard(contacts.ref(held.contact()), command.caller().actor(), now));
            publisher.publish(discarded.events());
            return discarded.message();
        });
    }
}
