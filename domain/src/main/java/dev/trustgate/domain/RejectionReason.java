package dev.trustgate.domain;

/** Why a command was refused. The application maps each to the stable error code its API answers with. */
public enum RejectionReason {
    /** The command is not possible in the contact's current state. */
    INVALID_STATE,
    /** The re-authentication id is not the contact's current one. */
    UNKNOWN_REAUTHENTICATION,
    /** The acknowledged hash is not the pending change's hash. */
    STALE_ACKNOWLEDGEMENT,
    /** The pending change has no known hash; only the audited override clears it. */
    IDENTITY_UNKNOWN,
    /** The business's acknowledgement policy is not met. */
    ACKNOWLEDGEMENT_POLICY_UNMET
}
