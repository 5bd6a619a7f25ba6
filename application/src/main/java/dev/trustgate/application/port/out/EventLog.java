package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.TrustEvent;
import java.util.List;

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

    /** Re-computes the hash chain of one business number and reports the first broken link. */
    AuditVerification verify(BusinessNumberId business);

    /** {@code valid} when every link holds; otherwise the first sequence whose hash or link is wrong. */
    record AuditVerification(boolean valid, long checked, Long firstBrokenSequence) {
    }
}
