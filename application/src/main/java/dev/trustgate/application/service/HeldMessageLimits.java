package dev.trustgate.application.service;

/**
 * How many messages may be held at once, so that holding (which keeps each body, up to 1 MB) cannot fill the
 * database: per contact, and per business number across its contacts. A hold beyond either is refused with
 * {@code too_many_held_messages}; releasing or discarding makes room again.
 */
public record HeldMessageLimits(int perContact, int perBusiness) {

    /** 100 per contact, 10,000 per business number. */
    public static final HeldMessageLimits DEFAULT = new HeldMessageLimits(100, 10_000);

    public HeldMessageLimits {
        if (perContact < 1 || perBusiness < perContact) {
            throw new IllegalArgumentException("held-message limits must be at least 1 per contact and no fewer per business");
        }
    }
}
