package dev.trustgate.domain;

/** Where a re-authentication stands. */
public enum ReauthenticationOutcome {
    PENDING, SUCCEEDED, FAILED, CANCELLED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
