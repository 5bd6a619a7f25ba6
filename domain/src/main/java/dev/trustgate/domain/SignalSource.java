package dev.trustgate.domain;

/** Where an identity signal came from; recorded with every identity event. */
public enum SignalSource {
    /** {@code contacts[].identity_key_hash} of an inbound message. */
    WHATSAPP_MESSAGE,
    /** {@code statuses[].recipient_identity_key_hash} of a status webhook. */
    WHATSAPP_STATUS,
    /** A {@code customer_identity_changed} / {@code user_identity_changed} system message. */
    WHATSAPP_SYSTEM,
    /** A send WhatsApp refused with error 137000 (identity key mismatch). */
    WHATSAPP_IDENTITY_MISMATCH,
    /** The customer left this number ({@code user_changed_number}): whoever has it now is unknown. */
    NUMBER_CHANGED,
    /** Two contacts found to be one WhatsApp user carried different identities; the newer one counts. */
    CONTACT_MERGED,
    /** The mobile operator reported a SIM swap of the customer's number (CAMARA SIM Swap). */
    SIM_SWAP,
    /** Another source: the business's own fraud system. */
    EXTERNAL;

    /** Whether WhatsApp itself reported the signal (else trustgate acted on another source's notice). */
    public boolean fromWhatsApp() {
        return this != SIM_SWAP && this != EXTERNAL;
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
