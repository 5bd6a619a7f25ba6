package dev.trustgate.domain;

import java.util.Locale;

/** Why a command was refused. Each has the stable error code the HTTP API answers with. */
public enum RejectionReason {
    /** The command is not possible in the contact's current state. */
    INVALID_STATE("conflict"),
    /** The re-authentication id is not the contact's current one. */
    UNKNOWN_REAUTHENTICATION,
    /** The acknowledged hash is not the pending change's hash. */
    STALE_ACKNOWLEDGEMENT,
    /** The pending change has no known hash; only the audited override clears it. */
    IDENTITY_UNKNOWN,
    /** The business's acknowledgement policy is not met. */
    ACKNOWLEDGEMENT_POLICY_UNMET;

    private final String code;

    RejectionReason() {
        this.code = name().toLowerCase(Locale.ROOT);
    }

    RejectionReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
