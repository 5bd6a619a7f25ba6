package dev.trustgate.application.service;

import dev.trustgate.application.port.in.ContactCommandResult;
import dev.trustgate.application.port.in.StartReauthenticationUseCase;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.IdGenerator;
import dev.trustgate.domain.ReauthenticationId;

/** {@link StartReauthenticationUseCase}, through {@link ContactCommands}; the new re-authentication gets a fresh id. */
public final class StartReauthenticationService implements StartReauthenticationUseCase {

    private final ContactCommands commands;
    private final IdGenerator ids;
    private final Clock clock;

    public StartReauthenticationService(ContactCommands commands, IdGenerator ids, Clock clock) {
        this.commands = commands;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public ContactCommandResult start(Command command) {
        ReauthenticationId id = new ReauthenticationId(ids.newId("reauth"));
        return commands.execute(command.caller(), command.contact(),
                (contact, business) -> contact.startReauthentication(id, command.caller().actor(), clock.now()));
    }
}
