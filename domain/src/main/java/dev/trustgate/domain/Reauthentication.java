package dev.trustgate.domain;

import java.time.Instant;

/** A re-authentication of one pending change; {@code attempts} counts failed tries of that change. */
public record Reauthentication(ReauthenticationId id, ChangeId changeId, Instant startedAt,
                               ReauthenticationOutcome outcome, int attempts) {

    public Reauthentication {
        Validation.notNull("reauthentication id", id);
        Validation.notNull("change id", changeId);
        Validation.notNull("startedAt", startedAt);
        Validation.notNull("outcome", outcome);
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    Reauthentication with(ReauthenticationOutcome newOutcome, int newAttempts) {
        return new Reauthentication(id, changeId, startedAt, newOutcome, newAttempts);
    }

    boolean passedFor(ChangeId change) {
        return outcome == ReauthenticationOutcome.SUCCEEDED && changeId.equals(change);
    }
}
