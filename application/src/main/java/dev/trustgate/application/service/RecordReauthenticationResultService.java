package dev.trustgate.application.service;

import dev.trustgate.application.port.in.ContactCommandResult;
import dev.trustgate.application.port.in.RecordReauthenticationResultUseCase;
import dev.trustgate.application.port.out.Clock;

/** {@link RecordReauthenticationResultUseCase}, through {@link ContactCommands}. */
public final class RecordReauthenticationResultService implements RecordReauthenticationResultUseCase {

    private final ContactCommands commands;
    private final Clock clock;

    public RecordReauthenticationResultService(ContactCommands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public ContactCommandResult record(Command command) {
        return commands.execute(command.caller(), command.contact(),
                (contact, business) -> contact.reauthenticationResult(command.reauthentication(), command.succeeded(),
                        command.evidence(), command.caller().actor(), clock.now()));
    }
}
