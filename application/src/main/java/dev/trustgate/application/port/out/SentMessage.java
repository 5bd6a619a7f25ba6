package dev.trustgate.application.port.out;

import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import java.time.Instant;
import java.util.Optional;

/**
 * A send the gate allowed, with the identity it was pinned to and the names it addressed. Recorded before the
 * message leaves, so a later 137000 status for {@code whatsappMessageId} can be compared with the pin and
 * traced to the name WhatsApp refused it for. {@code decidedIdentity} is the identity the contact had when
 * the send was decided; {@code acrossChange} is set when an identity change of the contact committed while
 * the message was on its way (it may have reached the new owner).
 */
public record SentMessage(String id, ContactKey contact, Recipient recipient, Optional<IdentityHash> pin, boolean sensitive,
                          Instant decidedAt, Optional<IdentityHash> decidedIdentity, Status status, Optional<String> whatsappMessageId,
                          boolean acrossChange) {

    /** What became of the send at WhatsApp. */
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
        return new SentMessage(id, contact, recipient, pin, sensitive, decidedAt, decidedIdentity, newStatus, messageId,
                acrossChange);
    }

    /** This send, marked as having left while an identity change of its contact committed. */
    public SentMessage sentAcrossChange() {
        return new SentMessage(id, contact, recipient, pin, sensitive, decidedAt, decidedIdentity, status, whatsappMessageId, true);
    }
}
