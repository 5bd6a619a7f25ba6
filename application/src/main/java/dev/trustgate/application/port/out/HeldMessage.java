package dev.trustgate.application.port.out;

import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.ContactKey;
import java.time.Instant;
import java.util.Optional;

/** A message the gate blocked and kept, until a person releases (re-checked, then sent) or discards it. */
public record HeldMessage(String id, ContactKey contact, String body, boolean sensitive, BlockReason reason,
                          Instant heldAt, Status status, Optional<String> sentMessageId, Optional<Instant> resolvedAt) {

    public enum Status { HELD, RELEASED, DISCARDED }

    public HeldMessage resolved(Status newStatus, Optional<String> messageId, Instant at) {
        return new HeldMessage(id, contact, body, sensitive, reason, heldAt, newStatus, messageId, Optional.of(at));
    }
}
