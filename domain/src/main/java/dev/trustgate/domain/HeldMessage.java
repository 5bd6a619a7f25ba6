package dev.trustgate.domain;

import dev.trustgate.domain.HeldMessageResult.Changed;
import dev.trustgate.domain.HeldMessageResult.Rejected;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A message the gate refused and kept, until a person releases it (the gate decides again, then it is sent) or
 * discards it. Held, then released or discarded, once; a release that WhatsApp certainly did not get is held again,
 * and only that release can be undone so. Immutable: every command returns the message it became with the events it
 * caused, or a {@link Rejected} naming where the message stands. {@code recipient} is whom the message addresses, so
 * a release decides on every contact those names belong to then.
 */
public record HeldMessage(String id, ContactKey contact, Recipient recipient, String body, boolean sensitive, BlockReason reason,
                          Instant heldAt, Status status, Optional<String> sentMessageId, Optional<Instant> resolvedAt) {

    /** Where a held message stands. */
    public enum Status {
        /** Kept: nothing was sent; it may be released or discarded. */
        HELD,
        /** Released as the send {@code sentMessageId}. */
        RELEASED,
        /** Discarded for good. */
        DISCARDED
    }

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+");

    public HeldMessage {
        Validation.require("held message id", id, 64, TOKEN, "letters, digits, _ and -");
        Validation.notNull("contact", contact);
        Validation.notNull("recipient", recipient);
        Validation.notNull("body", body);
        Validation.notNull("reason", reason);
        Validation.notNull("heldAt", heldAt);
        Validation.notNull("status", status);
        Validation.notNull("sentMessageId", sentMessageId);
        Validation.notNull("resolvedAt", resolvedAt);
        if ((status == Status.RELEASED) != sentMessageId.isPresent()) {
            throw new IllegalArgumentException("a held message names the send it was released as, and only when released");
        }
        if ((status == Status.HELD) != resolvedAt.isEmpty()) {
            throw new IllegalArgumentException("a held message has a resolution time once released or discarded, and only then");
        }
    }

    /**
     * The gate refused a send to {@code contact} for {@code reason}, and the business asked to keep it: a new held
     * message, with {@code message.held}.
     */
    public static Changed hold(String id, ContactRef contact, Recipient recipient, String body, boolean sensitive,
                               BlockReason reason, Actor by, Instant at) {
        Validation.notNull("contact", contact);
        HeldMessage held = new HeldMessage(id, contact.key(), recipient, body, sensitive, reason, at, Status.HELD,
                Optional.empty(), Optional.empty());
        return new Changed(held, List.of(new TrustEvent.MessageHeld(contact, at, by, id, reason, sensitive)));
    }

    public boolean held() {
        return status == Status.HELD;
    }

    /**
     * The gate allowed this message now, as the send {@code sentMessageId}: released. No event yet; nothing has left
     * trustgate. {@link #forwarded} records the release once WhatsApp has (or may have) the message.
     */
    public HeldMessageResult release(String sentMessageId, Instant at) {
        Validation.require("sent message id", sentMessageId, 64, TOKEN, "letters, digits, _ and -");
        Validation.notNull("at", at);
        if (status != Status.HELD) {
            return notHeld();
        }
        return new Changed(new HeldMessage(id, contact, recipient, body, sensitive, reason, heldAt, Status.RELEASED,
                Optional.of(sentMessageId), Optional.of(at)), List.of());
    }

    /**
     * WhatsApp accepted the released message, or may have got it: {@code message.released}, naming the contact
     * {@code to} it was sent to (the one the recipient's names lead to now) and the identity it was pinned to.
     */
    public HeldMessageResult forwarded(ContactRef to, Actor by, Optional<IdentityHash> pin, Instant at) {
        Validation.notNull("to", to);
        Validation.notNull("pin", pin);
        if (!to.business().equals(contact.business())) {
            throw new IllegalArgumentException("a held message is released to a contact of its own business number");
        }
        if (status != Status.RELEASED) {
            return new Rejected(status, "message " + id + " is not released");
        }
        return new Changed(this, List.of(new TrustEvent.MessageReleased(to, at, by, id, sentMessageId.get(), pin)));
    }

    /**
     * WhatsApp certainly did not get the release {@code sentMessageId}: the message is held again, as if never
     * released, and nothing is recorded. Only that release can be undone so, and only once.
     */
    public HeldMessageResult holdAgain(String sentMessageId) {
        Validation.notNull("sentMessageId", sentMessageId);
        if (status != Status.RELEASED || !this.sentMessageId.get().equals(sentMessageId)) {
            return new Rejected(status, "message " + id + " is not released as " + sentMessageId);
        }
        return new Changed(new HeldMessage(id, contact, recipient, body, sensitive, reason, heldAt, Status.HELD,
                Optional.empty(), Optional.empty()), List.of());
    }

    /** The business discards the message for good: {@code message.discarded}. */
    public HeldMessageResult discard(ContactRef contact, Actor by, Instant at) {
        Validation.notNull("contact", contact);
        if (!contact.key().equals(this.contact)) {
            throw new IllegalArgumentException("a held message is discarded as a message of its own contact");
        }
        if (status != Status.HELD) {
            return notHeld();
        }
        return new Changed(new HeldMessage(id, this.contact, recipient, body, sensitive, reason, heldAt, Status.DISCARDED,
                Optional.empty(), Optional.of(at)), List.of(new TrustEvent.MessageDiscarded(contact, at, by, id)));
    }

    private Rejected notHeld() {
        return new Rejected(status, "message " + id + " was already " + status.name().toLowerCase(java.util.Locale.ROOT));
    }
}
