package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.domain.ReauthenticationId;

/** Abandons the running re-authentication; the contact stays blocked. */
public interface CancelReauthenticationUseCase {

    ContactCommandResult cancel(Command command);

    /** Cancel the running re-authentication {@code reauthentication} of the contact. */
    record Command(Caller caller, ContactSelector contact, ReauthenticationId reauthentication) {
        public Command {
            Requests.required("caller", caller);
            Requests.required("contact", contact);
            Requests.required("reauthentication id", reauthentication);
        }
    }
}
