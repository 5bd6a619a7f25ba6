package dev.trustgate.application.service;

import dev.trustgate.application.port.in.ContactCommandResult;
import dev.trustgate.application.port.in.RecordAuthenticationUseCase;
import dev.trustgate.application.port.out.Clock;

/** {@link RecordAuthenticationUseCase}, through {@link ContactCommands}. */
public final class RecordAuthenticationService implements RecordAuthenticationUseCase {

    private final ContactCommands commands;
    private final Clock clock;

    public RecordAuthenticationService(ContactCommands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public ContactCommandResult authenticated(Command command) {
        return commands.execute(command.caller(), command.contact(),
                (contact, business) -> contact.authenticated(command.caller().actor(), command.evidence(), clock.now()));
    }
}
