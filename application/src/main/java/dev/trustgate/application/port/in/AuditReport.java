package dev.trustgate.application.port.in;

import dev.trustgate.application.Requests;
import java.util.Locale;
import java.util.Optional;

/**
 * What verifying a business's audit chain found: {@code checked} events read and, when a link does not hold, the
 * first broken one and what kind of break it is.
 */
public record AuditReport(long checked, Optional<Break> firstBreak) {

    public AuditReport {
        if (checked < 0) {
            throw new IllegalArgumentException("checked must not be negative");
        }
        Requests.required("firstBreak", firstBreak);
    }

    /** Every link from the first event to the head holds. */
    public boolean valid() {
        return firstBreak.isEmpty();
    }

    /** The first sequence at which the chain breaks, and how. */
    public record Break(long sequence, Problem problem) {
        public Break {
            Requests.required("problem", problem);
        }
    }

    /**
     * What kind of break the first broken sequence is. It mirrors {@code EventLog.AuditVerification.Problem} on
     * purpose: the input port speaks the application's language, not the storage port's, and the service's
     * exhaustive switch from one to the other breaks the build if they drift apart.
     */
    public enum Problem {
        /** The event's content, hash or link to the previous event is not what was sealed: it was changed. */
        EDITED,
        /** The event is absent while later ones exist: it was deleted from the middle of the chain. */
        MISSING,
        /** The chain ends before its head: the newest events, from this one on, were deleted. */
        TRUNCATED,
        /** The head does not match the chain: the event at the head has another hash, or events lie beyond it. */
        HEAD_MISMATCH;

        /** The problem as the API and the command line name it: {@code edited}, {@code head_mismatch}, … */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
