package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;

/** Step 4: the business starts re-authenticating the customer for the pending identity change. */
public interface StartReauthenticationUseCase {

    /** When it changed the contact, the contact's {@code reauthentication()} names the new re-authentication. */
    ContactCommandResult start(Command command);

    /** Start re-authenticating the contact for its pending identity change. */
    record Command(Caller caller, ContactSelector contact) {
        public Command {
            Requests.required("caller", caller);
            Requests.required("contact", contact);
        }
    }
}
