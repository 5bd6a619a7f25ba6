package dev.trustgate.application.port.out;

import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.IdentityHash;
import java.time.Instant;
import java.util.Optional;

/**
 * A send the gate allowed, with the identity it was pinned to. Recorded before the message leaves, so a
 * later 137000 status for {@code whatsappMessageId} can be compared with the pin.
 */
public record SentMessage(String id, ContactKey contact, Optional<IdentityHash> pin, boolean sensitive, Instant decidedAt,
                          Status status, Optional<String> whatsappMessageId) {

    public enum Status {
        /** Decided and about to be forwarded. */
        SENDING,
        /** WhatsApp accepted it. */
        SENT,
        /** WhatsApp refused it synchronously. */
        REFUSED,
        /** The call failed in a way that leaves open whether WhatsApp got it. */
        UNKNOWN
    }

    public SentMessage withOutcome(Status newStatus, Optional<String> messageId) {
        return new SentMessage(id, contact, pin, sensitive, decidedAt, newStatus, messageId);
    }
}
