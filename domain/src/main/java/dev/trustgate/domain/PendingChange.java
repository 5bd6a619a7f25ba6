package dev.trustgate.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * An identity change that is not yet acknowledged. {@code hash} is empty when WhatsApp did not say
 * which identity the customer has now. {@code firstAcknowledger} holds the first of two keys under
 * the four-eyes policy.
 */
public record PendingChange(ChangeId id, Optional<IdentityHash> hash, Instant detectedAt, Optional<Actor> firstAcknowledger) {

    public PendingChange {
        Validation.notNull("change id", id);
        Validation.notNull("hash", hash);
        Validation.notNull("detectedAt", detectedAt);
        Validation.notNull("firstAcknowledger", firstAcknowledger);
    }

    PendingChange acknowledgedOnceBy(Actor actor) {
        return new PendingChange(id, hash, detectedAt, Optional.of(actor));
    }
}
