package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.IdentityHash;

/**
 * Step 5: the business acknowledges the change of identity {@code hash}, under its acknowledgement
 * policy. Unblocks sends; trusted again only after a passed re-authentication of this change.
 */
public interface AcknowledgeIdentityChangeUseCase {

    /**
     * A change that leaves the contact blocked is the first of two acknowledgements under {@code FOUR_EYES}: it
     * waits for a second key. Refused (stale hash, unknown identity, policy unmet, nothing pending) as a
     * {@link ContactCommandResult.Rejected}.
     */
    ContactCommandResult acknowledge(Command command);

    /** Acknowledge the pending change to identity {@code hash}, as {@code caller}, with optional evidence. */
    record Command(Caller caller, ContactSelector contact, IdentityHash hash, Evidence evidence) {
        public Command {
            Requests.required("caller", caller);
            Requests.required("contact", contact);
            Requests.required("identityHash", hash);
            Requests.required("evidence", evidence);
        }
    }
}
