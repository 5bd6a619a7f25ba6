package dev.trustgate.domain;

import java.util.Locale;

/**
 * What a business may do with a contact: its commands on {@link ContactTrust}, one each.
 * {@link ContactTrust#allowedActions} says which of them a caller may do now.
 */
public enum ContactAction {
    /** Start re-authenticating the customer for the pending change. */
    START_REAUTHENTICATION,
    /** Abandon the current re-authentication. */
    CANCEL_REAUTHENTICATION,
    /** Record whether the running re-authentication passed or failed. */
    RECORD_REAUTHENTICATION_RESULT,
    /** Acknowledge the pending change by its identity hash (under four eyes, the first or the second time). */
    ACKNOWLEDGE_IDENTITY_CHANGE,
    /** Clear a pending change whose identity WhatsApp did not name. */
    OVERRIDE_UNKNOWN_IDENTITY,
    /** Record that the business authenticated the customer itself: trusted. */
    RECORD_AUTHENTICATION,
    /** Break trust with the customer. */
    REVOKE_TRUST;

    /** The name on the wire, e.g. {@code revoke_trust}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
