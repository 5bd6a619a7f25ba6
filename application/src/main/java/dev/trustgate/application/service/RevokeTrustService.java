package dev.trustgate.application.service;

import dev.trustgate.application.port.in.ContactCommandResult;
import dev.trustgate.application.port.in.RevokeTrustUseCase;
import dev.trustgate.application.port.out.Clock;

/** {@link RevokeTrustUseCase}, through {@link ContactCommands}. */
public final class RevokeTrustService implements RevokeTrustUseCase {

    private final ContactCommands commands;
    private final Clock clock;

    public RevokeTrustService(ContactCommands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public ContactCommandResult revoke(Command command) {
        return commands.execute(command.caller(), command.contact(),
                (contact, business) -> contact.revokeTrust(command.caller().actor(), command.reason(), clock.now()));
    }
}
