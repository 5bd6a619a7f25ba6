package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A subscription trustgate holds at a mobile operator for SIM-swap notices of one customer's number (CAMARA SIM Swap
 * Subscriptions): the operator's id for it, the business number it serves, the number it watches and where it stands.
 * {@code statusAt} is the operator's time of the latest status, so an older lifecycle notice never undoes a newer one.
 */
public record SimSwapSubscription(String id, BusinessNumberId business, WaId phoneNumber, Status status, Instant statusAt,
                                  Optional<String> statusReason, Optional<Instant> expiresAt) {

    public SimSwapSubscription {
        if (id == null || id.isBlank() || id.length() > 256) {
            throw new IllegalArgumentException("subscriptionId must be 1 to 256 characters");
        }
        if (business == null || phoneNumber == null || status == null || statusAt == null || statusReason == null
                || expiresAt == null) {
            throw new IllegalArgumentException("a SIM-swap subscription names its business, number, status and times");
        }
    }

    /** Where a subscription stands, as the operator last told (CAMARA's subscription statuses, ended ones as one). */
    public enum Status {
        /** Asked for; the operator has not confirmed it yet. */
        ACTIVATION_REQUESTED,
        /** Notices flow. */
        ACTIVE,
        /** Paused by the operator; its workflow is kept. */
        INACTIVE,
        /** Ended (expired, deleted, its event budget or credential spent, or stopped by the operator): renew it. */
        ENDED;

        /** The name on the wire, e.g. {@code activation_requested}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** This subscription as a lifecycle notice of time {@code at} leaves it. */
    public SimSwapSubscription with(Status newStatus, Optional<String> reason, Instant at) {
        return new SimSwapSubscription(id, business, phoneNumber, newStatus, at, reason, expiresAt);
    }
}
