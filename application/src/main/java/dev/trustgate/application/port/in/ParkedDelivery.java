package dev.trustgate.application.port.in;

import dev.trustgate.application.Requests;
import dev.trustgate.domain.BusinessNumberId;
import java.time.Instant;
import java.util.Optional;

/**
 * A delivery that used up its retries (or could never succeed) and now holds back the later ones of its line
 * until it is redelivered or discarded.
 *
 * @param business      the business number it concerns; empty only for a relayed webhook about no business number
 * @param destination   the subscription an event was for, the relay a webhook was for, or
 *                      {@code identity-confirmations} for a confirmation at the provider
 * @param eventSequence the event's sequence in its business's log, for an event
 * @param attempts      the attempts made
 * @param lastError     what the last attempt met
 */
public record ParkedDelivery(String id, Optional<BusinessNumberId> business, Kind kind, String destination,
                             Optional<Long> eventSequence, int attempts, Optional<String> lastError, Instant parkedAt,
                             Instant createdAt) {

    public ParkedDelivery {
        Requests.required("id", id);
        Requests.required("business", business);
        Requests.required("kind", kind);
        Requests.required("destination", destination);
        Requests.required("eventSequence", eventSequence);
        Requests.required("lastError", lastError);
        Requests.required("parkedAt", parkedAt);
        Requests.required("createdAt", createdAt);
    }

    /** What was to be delivered. */
    public enum Kind {
        /** A trust event, to a subscription's endpoint. */
        EVENT,
        /** A WhatsApp webhook, to the business's own app. */
        RELAY,
        /** An acknowledged identity, to confirm at a provider that blocks changed identities itself (Infobip). */
        CONFIRMATION
    }
}
