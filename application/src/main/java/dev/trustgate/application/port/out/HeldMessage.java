package dev.trustgate.application.port.out;

import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.Recipient;
import java.time.Instant;
import java.util.Optional;

/**
 * A message the gate blocked and kept, until a person releases (re-checked, then sent) or discards it.
 * {@code recipient} is whom the message addresses, so a release decides on every contact those names
 * belong to then.
 */
public record HeldMessage(String id, ContactKey contact, Recipient recipient, String body, boolean sensitive, BlockReason reason,
                          Instant heldAt, Status status, Optional<String> sentMessageId, Optional<Instant> resolvedAt) {

    public enum Status { HELD, RELEASED, DISCARDED }

    public HeldMessage resolved(Status newStatus, Optional<String> messageId, Instant at) {
        return new HeldMessage(id, contact, recipient, body, sensitive, reason, heldAt, newStatus, messageId, Optional.of(at));
    }

    /** Held again: its release certainly did not reach WhatsApp. */
    public HeldMessage heldAgain() {
        return new HeldMessage(id, contact, recipient, body, sensitive, reason, heldAt, Status.HELD, Optional.empty(), Optional.empty());
    }
}
