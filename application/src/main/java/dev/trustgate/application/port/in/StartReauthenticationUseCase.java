package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.domain.ContactTrust;

/** Step 4: the business starts re-authenticating the customer for the pending identity change. */
public interface StartReauthenticationUseCase {

    /** Returns the contact; its {@code reauthentication()} names the new re-authentication. */
    ContactTrust start(Command command);

    record Command(Caller caller, ContactSelector contact) {
        public Command {
            Requests.required("caller", caller);
            Requests.required("contact", contact);
        }
    }
}
