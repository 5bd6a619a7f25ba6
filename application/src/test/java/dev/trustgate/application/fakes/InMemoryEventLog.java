package dev.trustgate.application.fakes;

import dev.trustgate.application.AuditChain;
import dev.trustgate.application.port.out.EventLog;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.TrustEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The event log in memory: each business's events and, apart from them, its head, as the database keeps them. */
public final class InMemoryEventLog implements EventLog, InMemoryState {

    private Map<BusinessNumberId, List<RecordedEvent>> log = new HashMap<>();
    private Map<BusinessNumberId, Head> heads = new HashMap<>();

    private record Snapshot(Map<BusinessNumberId, List<RecordedEvent>> log, Map<BusinessNumberId, Head> heads) {
    }

    @Override
    public synchronized List<RecordedEvent> append(BusinessNumberId business, List<TrustEvent> events) {
        List<RecordedEvent> chain = log.computeIfAbsent(business, b -> new ArrayList<>());
        Head head = heads.getOrDefault(business, Head.NONE);
        List<RecordedEvent> appended = new ArrayList<>();
        for (TrustEvent event : events) {
            if (!event.contact().business().equals(business)) {
                throw new IllegalArgumentException("event of another business number");
            }
            RecordedEvent recorded = AuditChain.seal(event, head.sequence() + 1, head.hash());
            chain.add(recorded);
            appended.add(recorded);
            head = new Head(recorded.sequence(), recorded.hash());
        }
        if (!appended.isEmpty()) {
            heads.put(business, head);
        }
        return appended;
    }

    @Override
    public synchronized List<RecordedEvent> read(BusinessNumberId business, long after, int limit) {
        return inOrder(business).stream().filter(e -> e.sequence() > after).limit(limit).toList();
    }

    @Override
    public synchronized long head(BusinessNumberId business) {
        return heads.getOrDefault(business, Head.NONE).sequence();
    }

    @Override
    public synchronized List<RecordedEvent> readContact(List<ContactKey> contacts, int limit) {
        if (contacts.isEmpty()) {
            return List.of();
        }
        return log.getOrDefault(contacts.get(0).business(), List.of()).stream().filter(e -> contacts.contains(e.contact().key()))
                .sorted(Comparator.comparingLong(RecordedEvent::sequence).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized AuditVerification verify(BusinessNumberId business) {
        return AuditChain.verify(heads.getOrDefault(business, Head.NONE), inOrder(business).iterator());
    }

    private List<RecordedEvent> inOrder(BusinessNumberId business) {
        return log.getOrDefault(business, List.of()).stream().sorted(Comparator.comparingLong(RecordedEvent::sequence)).toList();
    }

    /** Replaces a stored event behind the log's back, as an attacker with database access could. */
    public synchronized void tamper(BusinessNumberId business, long sequence, RecordedEvent replacement) {
        List<RecordedEvent> chain = log.get(business);
        chain.replaceAll(e -> e.sequence() == sequence ? replacement : e);
    }

    /** Deletes a stored event behind the log's back. */
    public synchronized void delete(BusinessNumberId business, long sequence) {
        log.get(business).removeIf(e -> e.sequence() == sequence);
    }

    /** Sets the business's head behind the log's back; {@code null} removes it. */
    public synchronized void moveHead(BusinessNumberId business, Head head) {
        if (head == null) {
            heads.remove(business);
        } else {
            heads.put(business, head);
        }
    }

    @Override
    public synchronized Object snapshot() {
        Map<BusinessNumberId, List<RecordedEvent>> copy = new HashMap<>();
        log.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
        return new Snapshot(copy, new HashMap<>(heads));
    }

    @Override
    public synchronized void restore(Object snapshot) {
        Snapshot restored = (Snapshot) snapshot;
        log = restored.log();
        heads = restored.heads();
    }
}
