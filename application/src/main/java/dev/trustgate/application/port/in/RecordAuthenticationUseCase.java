package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.domain.Evidence;

/** The business authenticated the customer itself: the contact becomes TRUSTED. */
public interface RecordAuthenticationUseCase {

    ContactCommandResult authenticated(Command command);

    /** The business verified the customer itself; {@code evidence} says how. */
    record Command(Caller caller, ContactSelector contact, Evidence evidence) {
        public Command {
            Requests.required("caller", caller);
            Requests.required("contact", contact);
            Requests.required("evidence", evidence);
        }
    }
}
