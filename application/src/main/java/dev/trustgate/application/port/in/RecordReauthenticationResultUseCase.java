package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.ReauthenticationId;

/** Records whether the re-authentication passed. Sends stay blocked until the acknowledgement. */
public interface RecordReauthenticationResultUseCase {

    ContactCommandResult record(Command command);

    /** Whether re-authentication {@code reauthentication} passed ({@code succeeded}), with its evidence. */
    record Command(Caller caller, ContactSelector contact, ReauthenticationId reauthentication, boolean succeeded, Evidence evidence) {
        public Command {
            Requests.required("caller", caller);
            Requests.required("contact", contact);
            Requests.required("reauthentication id", reauthentication);
            Requests.required("evidence", evidence);
        }
    }
}
