package dev.trustgate.application.service;

import dev.trustgate.application.port.in.AcknowledgeIdentityChangeUseCase;
import dev.trustgate.application.port.in.OverrideUnknownIdentityUseCase;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.domain.CommandResult;

public final class OverrideUnknownIdentityService implements OverrideUnknownIdentityUseCase {

    private final ContactCommands commands;
    private final Clock clock;

    public OverrideUnknownIdentityService(ContactCommands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public AcknowledgeIdentityChangeUseCase.Result override(Command command) {
        CommandResult.Changed changed = commands.execute(command.caller(), command.contact(),
                (contact, business) -> contact.overrideUnknownIdentity(command.caller().actor(), command.reason(), business,
                        clock.now()));
        return new AcknowledgeIdentityChangeUseCase.Result(changed.contact(), !changed.contact().blocked());
    }
}
