package dev.trustgate.application.service;

import dev.trustgate.application.port.in.AcknowledgeIdentityChangeUseCase;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.in.ContactCommandResult;

/** {@link AcknowledgeIdentityChangeUseCase}, under the business's acknowledgement policy, through {@link ContactCommands}. */
public final class AcknowledgeIdentityChangeService implements AcknowledgeIdentityChangeUseCase {

    private final ContactCommands commands;
    private final Clock clock;

    public AcknowledgeIdentityChangeService(ContactCommands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public ContactCommandResult acknowledge(Command command) {
        return commands.execute(command.caller(), command.contact(),
                (contact, business) -> contact.acknowledge(command.hash(), command.caller().actor(), command.evidence(),
                        business, clock.now()));
    }
}
