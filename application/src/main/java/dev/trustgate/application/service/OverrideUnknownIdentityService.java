package dev.trustgate.application.service;

import dev.trustgate.application.port.in.OverrideUnknownIdentityUseCase;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.in.ContactCommandResult;

/** {@link OverrideUnknownIdentityUseCase}, under the business's acknowledgement policy, through {@link ContactCommands}. */
public final class OverrideUnknownIdentityService implements OverrideUnknownIdentityUseCase {

    private final ContactCommands commands;
    private final Clock clock;

    public OverrideUnknownIdentityService(ContactCommands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public ContactCommandResult override(Command command) {
        return commands.execute(command.caller(), command.contact(),
                (contact, business) -> contact.overrideUnknownIdentity(command.caller().actor(), command.reason(), business,
                        clock.now()));
    }
}
