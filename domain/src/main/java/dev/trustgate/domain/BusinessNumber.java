package dev.trustgate.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * A business phone number as trustgate knows it: whether it opted in to identity-change checks, which
 * acknowledgement policy it keeps and what a SIM swap of a customer's number does. A business that never opted in
 * gets nothing blocked by WhatsApp's signals.
 */
public record BusinessNumber(BusinessNumberId id, boolean optedIn, Optional<Instant> since, AcknowledgementPolicy policy,
                             SimSwapPolicy simSwapPolicy) {

    public BusinessNumber {
        Validation.notNull("phone_number_id", id);
        Validation.notNull("since", since);
        Validation.notNull("policy", policy);
        Validation.notNull("simSwapPolicy", simSwapPolicy);
    }

    /** A number with the default SIM-swap policy, {@link SimSwapPolicy#BREAK_TRUST}. */
    public BusinessNumber(BusinessNumberId id, boolean optedIn, Optional<Instant> since, AcknowledgementPolicy policy) {
        this(id, optedIn, since, policy, SimSwapPolicy.BREAK_TRUST);
    }

    /** A number trustgate has not been told about: not opted in, policy NONE. */
    public static BusinessNumber unknown(BusinessNumberId id) {
        return new BusinessNumber(id, false, Optional.empty(), AcknowledgementPolicy.NONE);
    }

    public BusinessNumber optIn(Instant at) {
        return optedIn ? this : new BusinessNumber(id, true, Optional.of(at), policy, simSwapPolicy);
    }

    /** Stops new blocks; changes pending at this moment stay blocked until acknowledged. */
    public BusinessNumber optOut(Instant at) {
        return optedIn ? new BusinessNumber(id, false, Optional.of(at), policy, simSwapPolicy) : this;
    }

    public BusinessNumber withPolicy(AcknowledgementPolicy newPolicy) {
        return new BusinessNumber(id, optedIn, since, Validation.notNull("policy", newPolicy), simSwapPolicy);
    }

    /** This number with {@code newPolicy} for SIM swaps of its customers' numbers. */
    public BusinessNumber withSimSwapPolicy(SimSwapPolicy newPolicy) {
        return new BusinessNumber(id, optedIn, since, policy, Validation.notNull("simSwapPolicy", newPolicy));
    }
}
