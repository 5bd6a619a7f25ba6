package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.TrustEvent;
import java.util.List;
import java.util.Locale;

/**
 * The append-only, per-business ordered and hash-chained log of every trust event: the audit trail
 * and the source of the event feed. Appends for one business number are serialised (a reader polling
 * {@code after=N} never misses an event that commits later with a lower number); appends for
 * different business numbers never wait for each other.
 */
public interface EventLog {

    /** Appends events of one business number in order and returns them numbered and chained. */
    List<RecordedEvent> append(BusinessNumberId business, List<TrustEvent> events);

    /** Events of one business with a sequence greater than {@code after}, in order, at most {@code limit}. */
    List<RecordedEvent> read(BusinessNumberId business, long after, int limit);

    /** The sequence of the business's newest committed event; 0 before its first. */
    long head(BusinessNumberId business);

    /** The newest {@code limit} events of the given contacts (one customer under the ids it had), newest first. */
    List<RecordedEvent> readContact(List<ContactKey> contacts, int limit);

    /**
     * Re-computes the hash chain of one business number from its first event to its head (the sequence and
     * hash the log recorded with its newest append) and reports the first break: an edited or missing event,
     * a chain that ends before its head, or a head that does not match the chain. Reads the chain as a stream,
     * never all of it at once.
     */
    AuditVerification verify(BusinessNumberId business);

    /**
     * The newest link of a business's chain as the log recorded it with each append: the sequence and hash of
     * the newest event ({@link #NONE} before the first), kept apart from the events so removing the newest
     * events shows.
     */
    record Head(long sequence, String hash) {

        /** The head of a business number without events: sequence 0, the genesis hash. */
        public static final Head NONE = new Head(0, "0".repeat(64));

        public Head {
            // any sequence: a head changed outside trustgate is something verification reports, not refuses to read
            if (hash == null) {
                throw new IllegalArgumentException("a head has a hash");
            }
        }
    }

    /**
     * {@code valid} when every link from the first event to the head holds; otherwise the first sequence at
     * which the chain breaks and what kind of break it is. {@code checked} counts the events read.
     */
    record AuditVerification(boolean valid, long checked, Long firstBrokenSequence, Problem problem) {

        public AuditVerification {
            if (valid != (firstBrokenSequence == null) || valid != (problem == null)) {
                throw new IllegalArgumentException("a broken chain names its first broken sequence and problem; an intact one neither");
            }
        }

        public static AuditVerification intact(long checked) {
            return new AuditVerification(true, checked, null, null);
        }

        public static AuditVerification broken(long checked, long firstBrokenSequence, Problem problem) {
            return new AuditVerification(false, checked, firstBrokenSequence, problem);
        }

        /** What kind of break the first broken sequence is. */
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
}
