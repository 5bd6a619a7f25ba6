package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.IdentityHash;

/**
 * Step 5: the business acknowledges the change of identity {@code hash}, under its acknowledgement
 * policy. Unblocks sends; trusted again only after a passed re-authentication of this change.
 */
public interface AcknowledgeIdentityChangeUseCase {

    Result acknowledge(Command command);

    record Command(Caller caller, ContactSelector contact, IdentityHash hash, Evidence evidence) {
        public Command {
            Requests.required("caller", caller);
            Requests.required("contact", contact);
            Requests.required("identityHash", hash);
            Requests.required("evidence", evidence);
        }
    }

    /** {@code completed} is false when four-eyes waits for a second key. */
    record Result(ContactTrust contact, boolean completed) {
    }
}
