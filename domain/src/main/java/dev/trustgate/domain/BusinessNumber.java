package dev.trustgate.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * A business phone number as trustgate knows it: whether it opted in to identity-change checks and
 * which acknowledgement policy it keeps. A business that never opted in gets nothing blocked.
 */
public record BusinessNumber(BusinessNumberId id, boolean optedIn, Optional<Instant> since, AcknowledgementPolicy policy) {

    public BusinessNumber {
        Validation.notNull("phone_number_id", id);
        Validation.notNull("since", since);
        Validation.notNull("policy", policy);
    }

    /** A number trustgate has not been told about: not opted in, policy NONE. */
    public static BusinessNumber unknown(BusinessNumberId id) {
        return new BusinessNumber(id, false, Optional.empty(), AcknowledgementPolicy.NONE);
    }

    public BusinessNumber optIn(Instant at) {
        return optedIn ? this : new BusinessNumber(id, true, Optional.of(at), policy);
    }

    /** Stops new blocks; changes pending at this moment stay blocked until acknowledged. */
    public BusinessNumber optOut(Instant at) {
        return optedIn ? new BusinessNumber(id, false, Optional.of(at), policy) : this;
    }

    public BusinessNumber withPolicy(AcknowledgementPolicy newPolicy) {
        return new BusinessNumber(id, optedIn, since, Validation.notNull("policy", newPolicy));
    }
}
