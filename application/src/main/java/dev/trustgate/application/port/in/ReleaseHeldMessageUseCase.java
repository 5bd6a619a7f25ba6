package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;

/** Sends a held message after re-checking the gate, pinned to the identity acknowledged now. */
public interface ReleaseHeldMessageUseCase {

    SendMessageUseCase.Result release(Command command);

    /** Release the held message {@code heldMessageId}: the gate decides again, then it is sent. */
    record Command(Caller caller, String heldMessageId) {
        public Command {
            Requests.required("caller", caller);
            Requests.text("heldMessageId", heldMessageId, 64);
        }
    }
}
