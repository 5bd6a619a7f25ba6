package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import java.time.Instant;
import java.util.Optional;

/**
 * One delivery to make: an event to a subscription, a WhatsApp webhook to relay to the business's
 * app, or an acknowledged identity to confirm at a provider that blocks changed identities itself. A relay entry carries the webhook (or the part of it that concerns its business number) as
 * {@code payload} and the {@code X-Trustgate-Trust} header value computed when it was queued; its
 * {@code destination} names the relay it goes to ({@link WebhookRelay#destination}). Only a relay entry
 * may concern no business number (a webhook about the WhatsApp Business Account itself). Entries with the
 * same {@code destination} and {@code orderingKey} are delivered in {@code position} order; an
 * undelivered (also a parked) entry holds back the later ones.
 */
public record OutboxEntry(String id, Optional<BusinessNumberId> business, Kind kind, String destination, String orderingKey,
                          long position, Optional<Long> eventSequence, Optional<String> payload, Optional<String> trustHeader,
                          int attempts, Instant nextAttemptAt, Status status, Optional<String> lastError, Instant createdAt) {

    /** The destination of identity confirmations at the provider; their line is the contact's. */
    public static final String IDENTITY_CONFIRMATIONS = "identity-confirmations";

    /** The line of relay entries that concern no business number: in order among themselves. */
    public static final String NO_BUSINESS_LINE = "account";

    /** What an entry carries. */
    public enum Kind {
        /** An event of the log ({@code eventSequence}) for the subscription named by {@code destination}. */
        EVENT,
        /** A verified WhatsApp webhook ({@code payload}) for the business's own app. */
        RELAY,
        /**
         * The acknowledgement event {@code eventSequence} ({@code identity.acknowledged}), to confirm at the provider
         * ({@link WhatsAppGateway#confirmIdentity}) so its own block lifts with trustgate's.
         */
        CONFIRMATION
    }

    /** Where an entry stands: waiting, delivered, or parked (given up on, kept visible, holding back later ones). */
    public enum Status { PENDING, DELIVERED, PARKED }

    public OutboxEntry {
        if (business.isEmpty() && kind != Kind.RELAY) {
            throw new IllegalArgumentException("only a relayed webhook may concern no business number");
        }
    }

    public static OutboxEntry pending(String id, BusinessNumberId business, Kind kind, String destination, String orderingKey,
                                      Optional<Long> eventSequence, Optional<String> payload, Instant at) {
        return new OutboxEntry(id, Optional.of(business), kind, destination, orderingKey, 0, eventSequence, payload, Optional.empty(), 0, at,
                Status.PENDING, Optional.empty(), at);
    }

    /**
     * The acknowledgement {@code eventSequence} of contact {@code contactId} of {@code business}, to confirm at the
     * provider; confirmations of one contact go out in order.
     */
    public static OutboxEntry confirmation(String id, BusinessNumberId business, String contactId, long eventSequence, Instant at) {
        return pending(id, business, Kind.CONFIRMATION, IDENTITY_CONFIRMATIONS, contactId, Optional.of(eventSequence), Optional.empty(),
                at);
    }

    /**
     * A verified WhatsApp webhook (or its part for {@code business}) to relay to {@code destination}, in order per
     * business number; those concerning no business number are in order among themselves.
     */
    public static OutboxEntry relay(String id, Optional<BusinessNumberId> business, String destination, String body,
                                    String trustHeader, Instant at) {
        return new OutboxEntry(id, business, Kind.RELAY, destination, business.map(BusinessNumberId::value).orElse(NO_BUSINESS_LINE),
                0, Optional.empty(), Optional.of(body), Optional.of(trustHeader), 0, at, Status.PENDING, Optional.empty(), at);
    }
}
