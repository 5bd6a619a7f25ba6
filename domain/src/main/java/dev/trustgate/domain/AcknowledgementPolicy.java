package dev.trustgate.domain;

/** What a business demands before an identity change may be acknowledged. */
public enum AcknowledgementPolicy {
    /** WhatsApp's own behaviour: any acknowledgement with the right hash unblocks. */
    NONE,
    /** Acknowledgement needs a passed re-authentication of this pending change. */
    REAUTHENTICATION_REQUIRED,
    /** That, and two acknowledgements by two different API keys. */
    FOUR_EYES;

    public boolean requiresReauthentication() {
        return this != NONE;
    }

    public boolean requiresSecondActor() {
        return this == FOUR_EYES;
    }
}
