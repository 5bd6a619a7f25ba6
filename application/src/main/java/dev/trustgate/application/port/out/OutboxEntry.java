package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import java.time.Instant;
import java.util.Optional;

/**
 * One delivery to make: an event to a subscription, or a WhatsApp webhook to relay to the business's
 * app. A relay entry carries the webhook's raw body as {@code payload} and the {@code X-Trustgate-Trust}
 * header value computed when it was queued. Entries with the same {@code destination} and
 * {@code orderingKey} are delivered in {@code position} order; an undelivered (also a parked) entry
 * holds back the later ones.
 */
public record OutboxEntry(String id, BusinessNumberId business, Kind kind, String destination, String orderingKey,
                          long position, Optional<Long> eventSequence, Optional<String> payload, Optional<String> trustHeader,
                          int attempts, Instant nextAttemptAt, Status status, Optional<String> lastError, Instant createdAt) {

    /** The destination of relay entries: the business's own WhatsApp app. */
    public static final String RELAY_DESTINATION = "relay";

    public enum Kind {
        /** An event of the log ({@code eventSequence}) for the subscription named by {@code destination}. */
        EVENT,
        /** A verified WhatsApp webhook ({@code payload}) for the business's own app. */
        RELAY
    }

    public enum Status { PENDING, DELIVERED, PARKED }

    public static OutboxEntry pending(String id, BusinessNumberId business, Kind kind, String destination, String orderingKey,
                                      Optional<Long> eventSequence, Optional<String> payload, Instant at) {
        return new OutboxEntry(id, business, kind, destination, orderingKey, 0, eventSequence, payload, Optional.empty(), 0, at,
                Status.PENDING, Optional.empty(), at);
    }

    /** A verified WhatsApp webhook to relay, byte-identical, in order per business number. */
    public static OutboxEntry relay(String id, BusinessNumberId business, String rawBody, String trustHeader, Instant at) {
        return new OutboxEntry(id, business, Kind.RELAY, RELAY_DESTINATION, business.value(), 0, Optional.empty(),
                Optional.of(rawBody), Optional.of(trustHeader), 0, at, Status.PENDING, Optional.empty(), at);
    }
}
