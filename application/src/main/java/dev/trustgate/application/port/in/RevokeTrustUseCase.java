package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;

/** Step 3: the business breaks trust with the customer. Possible from any state. */
public interface RevokeTrustUseCase {

    ContactCommandResult revoke(Command command);

    /** Break the contact's trust for {@code reason} (recorded in the audit trail). */
    record Command(Caller caller, ContactSelector contact, String reason) {
        public Command {
            Requests.required("caller", caller);
            Requests.required("contact", contact);
            if (reason != null && reason.length() > 1000) {
                throw new IllegalArgumentException("reason must be at most 1000 characters");
            }
        }
    }
}
