package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import java.time.Instant;
import java.util.Optional;

/**
 * One delivery to make: an event to a subscription, or a WhatsApp webhook to relay to the business's
 * app. Entries with the same {@code destination} and {@code orderingKey} are delivered in
 * {@code position} order; an undelivered (also a parked) entry holds back the later ones.
 */
public record OutboxEntry(String id, BusinessNumberId business, Kind kind, String destination, String orderingKey,
                          long position, Optional<Long> eventSequence, Optional<String> payload, int attempts,
                          Instant nextAttemptAt, Status status, Optional<String> lastError, Instant createdAt) {

    public enum Kind {
        /** An event of the log ({@code eventSequence}) for the subscription named by {@code destination}. */
        EVENT,
        /** A verified WhatsApp webhook ({@code payload}) for the business's own app. */
        RELAY
    }

    public enum Status { PENDING, DELIVERED, PARKED }

    public static OutboxEntry pending(String id, BusinessNumberId business, Kind kind, String destination, String orderingKey,
                                      Optional<Long> eventSequence, Optional<String> payload, Instant at) {
        return new OutboxEntry(id, business, kind, destination, orderingKey, 0, eventSequence, payload, 0, at,
                Status.PENDING, Optional.empty(), at);
    }
}
