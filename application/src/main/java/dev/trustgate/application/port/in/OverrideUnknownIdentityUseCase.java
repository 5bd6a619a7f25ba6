package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;

/** Clears a pending change whose new identity WhatsApp never named. Audited with its reason. */
public interface OverrideUnknownIdentityUseCase {

    /** As {@link AcknowledgeIdentityChangeUseCase#acknowledge}: a change that leaves the contact blocked waits for a second key. */
    ContactCommandResult override(Command command);

    /** Clear the pending change whose identity is unknown, for {@code reason} (recorded in the audit trail). */
    record Command(Caller caller, ContactSelector contact, String reason) {
        public Command {
            Requests.required("caller", caller);
            Requests.required("contact", contact);
            Requests.text("reason", reason, 1000);
        }
    }
}
