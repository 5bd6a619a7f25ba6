package dev.trustgate.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * A business phone number as trustgate knows it: whether it opted in to identity-change checks, which
 * acknowledgement policy it keeps, what a SIM swap of a customer's number does, and how far back the mobile operator
 * is asked about SIM swaps before a re-authentication counts as passed ({@code simSwapCheckHours}, 0: not asked). A
 * business that never opted in gets nothing blocked by WhatsApp's signals.
 */
public record BusinessNumber(BusinessNumberId id, boolean optedIn, Optional<Instant> since, AcknowledgementPolicy policy,
                             SimSwapPolicy simSwapPolicy, int simSwapCheckHours) {

    public BusinessNumber {
        Validation.notNull("phone_number_id", id);
        Validation.notNull("since", since);
        Validation.notNull("policy", policy);
        Validation.notNull("simSwapPolicy", simSwapPolicy);
        if (simSwapCheckHours < 0 || simSwapCheckHours > 2400) {
            throw new IllegalArgumentException("reauthenticationCheckHours must be 0 (no check) to 2400");
        }
    }

    /** A number with the default SIM-swap policy, {@link SimSwapPolicy#BREAK_TRUST}, and no SIM-swap check. */
    public BusinessNumber(BusinessNumberId id, boolean optedIn, Optional<Instant> since, AcknowledgementPolicy policy) {
        this(id, optedIn, since, policy, SimSwapPolicy.BREAK_TRUST, 0);
    }

    /** A number trustgate has not been told about: not opted in, policy NONE. */
    public static BusinessNumber unknown(BusinessNumberId id) {
        return new BusinessNumber(id, false, Optional.empty(), AcknowledgementPolicy.NONE);
    }

    public BusinessNumber optIn(Instant at) {
        return optedIn ? this : new BusinessNumber(id, true, Optional.of(at), policy, simSwapPolicy, simSwapCheckHours);
    }

    /** Stops new blocks; changes pending at this moment stay blocked until acknowledged. */
    public BusinessNumber optOut(Instant at) {
        return optedIn ? new BusinessNumber(id, false, Optional.of(at), policy, simSwapPolicy, simSwapCheckHours) : this;
    }

    public BusinessNumber withPolicy(AcknowledgementPolicy newPolicy) {
        return new BusinessNumber(id, optedIn, since, Validation.notNull("policy", newPolicy), simSwapPolicy, simSwapCheckHours);
    }

    /** This number with {@code newPolicy} for SIM swaps of its customers' numbers. */
    public BusinessNumber withSimSwapPolicy(SimSwapPolicy newPolicy) {
        return new BusinessNumber(id, optedIn, since, policy, Validation.notNull("simSwapPolicy", newPolicy), simSwapCheckHours);
    }

    /**
     * This number asking the mobile operator, before a re-authentication counts as passed, whether the customer's SIM was
     * swapped within the last {@code hours} hours (0: not asked).
     */
    public BusinessNumber withSimSwapCheck(int hours) {
        return new BusinessNumber(id, optedIn, since, policy, simSwapPolicy, hours);
    }

    /** Whether a re-authentication counts as passed only once the operator says the SIM was not swapped lately. */
    public boolean checksSimSwaps() {
        return simSwapCheckHours > 0;
    }
}
