package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.domain.HeldMessage;

/** Drops a held message for good. */
public interface DiscardHeldMessageUseCase {

    HeldMessage discard(Command command);

    /** Discard the held message {@code heldMessageId} for good. */
    record Command(Caller caller, String heldMessageId) {
        public Command {
            Requests.required("caller", caller);
            Requests.text("heldMessageId", heldMessageId, 64);
        }
    }
}
