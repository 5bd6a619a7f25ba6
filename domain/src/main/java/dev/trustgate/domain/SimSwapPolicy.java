package dev.trustgate.domain;

import java.util.Locale;

/**
 * What a SIM swap of a customer's phone line does to their trust, chosen per business number. A SIM swap (the
 * operator moved the number to another SIM card) is how most account takeovers start: whoever holds the new SIM
 * receives the customer's one-time codes.
 */
public enum SimSwapPolicy {
    /** The customer is no longer trusted: sensitive sends stop, ordinary ones continue. The default. */
    BREAK_TRUST,
    /**
     * An identity change with an unknown identity (source {@code sim_swap}): every send stops until the business
     * clears it, whatever the number's opt-in, since the business asked for it.
     */
    BLOCK;

    /** The name on the wire, e.g. {@code break_trust}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
