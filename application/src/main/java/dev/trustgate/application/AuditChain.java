package dev.trustgate.application;

import dev.trustgate.application.port.out.EventLog.AuditVerification;
import dev.trustgate.application.port.out.EventLog.AuditVerification.Problem;
import dev.trustgate.application.port.out.EventLog.Head;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.ContactRef;
import dev.trustgate.domain.ParentUserId;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import dev.trustgate.domain.TrustEvent;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tamper-evident seal of the event log: each event's hash is SHA-256 over its canonical content
 * and the previous event's hash of the same business number, and the log's head records the newest
 * sequence and hash. Every {@code EventLog} implementation seals and verifies with this one class, so
 * all agree byte for byte and report the same break.
 */
public final class AuditChain {

    /** The "previous hash" of a business number's first event. */
    public static final String GENESIS = Head.NONE.hash();

    private AuditChain() {
    }

    public static RecordedEvent seal(TrustEvent event, long sequence, String previousHash) {
        RecordedEvent unsealed = new RecordedEvent(sequence, event.type(), event.contact(), event.at(), event.actor(),
                event.data(), previousHash, "", RecordedEvent.CURRENT_FORMAT);
        return new RecordedEvent(sequence, unsealed.type(), unsealed.contact(), unsealed.at(), unsealed.actor(),
                unsealed.data(), previousHash, hash(unsealed), RecordedEvent.CURRENT_FORMAT);
    }

    /**
     * The hash {@code event} should carry given its content and its {@code previousHash}. Events of the
     * current format cover the contact id and every name; events recorded before contacts had several
     * names ({@link RecordedEvent#WA_ID_FORMAT}) keep the form they were sealed with: the wa_id alone.
     */
    public static String hash(RecordedEvent event) {
        StringBuilder canonical = new StringBuilder();
        if (event.format() == RecordedEvent.CURRENT_FORMAT) {
            canonical.append("v2;");
        }
        field(canonical, Long.toString(event.sequence()));
        field(canonical, event.type());
        ContactRef contact = event.contact();
        field(canonical, contact.business().value());
        if (event.format() == RecordedEvent.WA_ID_FORMAT) {
            field(canonical, contact.names().waId().orElseThrow().value());
        } else {
            field(canonical, contact.id().value());
            field(canonical, contact.names().waId().map(WaId::value).orElse(""));
            field(canonical, contact.names().userId().map(UserId::value).orElse(""));
            field(canonical, contact.names().parentUserId().map(ParentUserId::value).orElse(""));
        }
        field(canonical, event.at().toString());
        field(canonical, event.actor().id());
        for (Map.Entry<String, String> entry : new TreeMap<>(event.data()).entrySet()) {
            field(canonical, entry.getKey());
            field(canonical, entry.getValue());
        }
        field(canonical, event.previousHash());
        return Sha256.hex(canonical.toString());
    }

    /**
     * Walks one business's chain, in sequence order, against the head the log recorded, and reports the first
     * break: a sequence out of place ({@link Problem#MISSING} when the head says it should be there), an event
     * whose link or content is not what was sealed ({@link Problem#EDITED}), events beyond the head or a head
     * whose hash is not the event's at its sequence ({@link Problem#HEAD_MISMATCH}), and a chain that ends
     * before the head ({@link Problem#TRUNCATED}). Reads {@code chain} once, one event at a time, and stops at
     * the first break. {@code chain}'s {@code next()} may throw {@link UnreadableEvent} for a stored event that
     * no longer even reads as one: it was edited.
     */
    public static AuditVerification verify(Head head, Iterator<RecordedEvent> chain) {
        String previous = GENESIS;
        long checked = 0;
        while (chain.hasNext()) {
            long expected = checked + 1;
            RecordedEvent event;
            try {
                event = chain.next();
            } catch (UnreadableEvent unreadable) {
                checked++;
                return misplaced(checked, expected, unreadable.sequence(), head)
                        .orElse(AuditVerification.broken(checked, unreadable.sequence(), Problem.EDITED));
            }
            checked++;
            long sequence = event.sequence();
            Optional<AuditVerification> misplaced = misplaced(checked, expected, sequence, head);
            if (misplaced.isPresent()) {
                return misplaced.get();
            }
            if (!event.previousHash().equals(previous) || !hash(event).equals(event.hash())) {
                return AuditVerification.broken(checked, sequence, Problem.EDITED);
            }
            if (sequence > head.sequence() || sequence == head.sequence() && !event.hash().equals(head.hash())) {
                return AuditVerification.broken(checked, sequence, Problem.HEAD_MISMATCH);
            }
            previous = event.hash();
        }
        if (checked < head.sequence()) {
            return AuditVerification.broken(checked, checked + 1, Problem.TRUNCATED);
        }
        return AuditVerification.intact(checked);
    }

    /** The break when the event read is not the {@code expected} one in sequence. */
    private static Optional<AuditVerification> misplaced(long checked, long expected, long sequence, Head head) {
        if (sequence == expected) {
            return Optional.empty();
        }
        if (sequence < expected) {
            return Optional.of(AuditVerification.broken(checked, sequence, Problem.EDITED));
        }
        return Optional.of(expected <= head.sequence()
                ? AuditVerification.broken(checked, expected, Problem.MISSING)
                : AuditVerification.broken(checked, sequence, Problem.HEAD_MISMATCH));
    }

    /** A stored event of {@code sequence} whose columns no longer make an event (changed outside trustgate). */
    public static final class UnreadableEvent extends RuntimeException {
        private final long sequence;

        public UnreadableEvent(long sequence, RuntimeException cause) {
            super("event " + sequence + " cannot be read: " + cause.getMessage(), cause);
            this.sequence = sequence;
        }

        public long sequence() {
            return sequence;
        }
    }

    private static void field(StringBuilder canonical, String value) {
        canonical.append(value.length()).append(':').append(value).append(';');
    }
}
