package dev.trustgate.domain;

/** The five states of a contact's trust lifecycle (DESIGN §2). */
public enum TrustState {
    /** Not (or no longer) authenticated by the business. Ordinary sends allowed, pinned. */
    UNVERIFIED,
    /** Authenticated, identity unchanged since. Every send allowed, pinned. */
    TRUSTED,
    /** WhatsApp reported a possible new owner; trust broken; every send refused. */
    IDENTITY_CHANGED,
    /** Re-authentication of the pending change under way; every send refused. */
    RE_AUTHENTICATING,
    /** Change acknowledged without a passed re-authentication: ordinary sends only. */
    ACKNOWLEDGED;

    /** True while an identity change is unacknowledged: nothing may be sent. */
    public boolean blocksSends() {
        return this == IDENTITY_CHANGED || this == RE_AUTHENTICATING;
    }
}
