package dev.trustgate.domain;

import java.util.Locale;

/** Why a send was refused. Each has the stable error code the HTTP API answers with. */
public enum BlockReason {
    /** An identity change of this customer is not acknowledged: nothing may be sent. */
    IDENTITY_CHANGE_UNACKNOWLEDGED,
    /** A sensitive send to a customer the business has not (re-)authenticated. */
    NOT_TRUSTED,
    /** A sensitive send with no known identity to pin it to. */
    IDENTITY_UNKNOWN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
