package dev.trustgate.application.service;

import dev.trustgate.application.port.in.ContactCommandResult;
import dev.trustgate.application.port.in.CancelReauthenticationUseCase;
import dev.trustgate.application.port.out.Clock;

/** {@link CancelReauthenticationUseCase}, through {@link ContactCommands}. */
public final class CancelReauthenticationService implements CancelReauthenticationUseCase {

    private final ContactCommands commands;
    private final Clock clock;

    public CancelReauthenticationService(ContactCommands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public ContactCommandResult cancel(Command command) {
        return commands.execute(command.caller(), command.contact(),
                (contact, business) -> contact.cancelReauthentication(command.reauthentication(), command.caller().actor(),
                        clock.now()));
    }
}
