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

public final class InMemoryEventLog implements EventLog, InMemoryState {

    private Map<BusinessNumberId, List<RecordedEvent>> log = new HashMap<>();

    @Override
    public synchronized List<RecordedEvent> append(BusinessNumberId business, List<TrustEvent> events) {
        List<RecordedEvent> chain = log.computeIfAbsent(business, b -> new ArrayList<>());
        List<RecordedEvent> appended = new ArrayList<>();
        for (TrustEvent event : events) {
            if (!event.contact().business().equals(business)) {
                throw new IllegalArgumentException("event of another business number");
            }
            String previous = chain.isEmpty() ? AuditChain.GENESIS : chain.get(chain.size() - 1).hash();
            RecordedEvent recorded = AuditChain.seal(event, chain.size() + 1L, previous);
            chain.add(recorded);
            appended.add(recorded);
        }
        return appended;
    }

    @Override
    public synchronized List<RecordedEvent> read(BusinessNumberId business, long after, int limit) {
        return log.getOrDefault(business, List.of()).stream().filter(e -> e.sequence() > after).limit(limit).toList();
    }

    @Override
    public synchronized long head(BusinessNumberId business) {
        return log.getOrDefault(business, List.of()).size();
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
        String previous = AuditChain.GENESIS;
        long checked = 0;
        for (RecordedEvent event : log.getOrDefault(business, List.of())) {
            checked++;
            if (event.sequence() != checked || !event.previousHash().equals(previous)
                    || !AuditChain.hash(event).equals(event.hash())) {
                return new AuditVerification(false, checked, event.sequence());
            }
            previous = event.hash();
        }
        return new AuditVerification(true, checked, null);
    }

    /** Replaces a stored event behind the log's back, as an attacker with database access could. */
    public synchronized void tamper(BusinessNumberId business, long sequence, RecordedEvent replacement) {
        log.get(business).set((int) sequence - 1, replacement);
    }

    @Override
    public synchronized Object snapshot() {
        Map<BusinessNumberId, List<RecordedEvent>> copy = new HashMap<>();
        log.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
        return copy;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        log = (Map<BusinessNumberId, List<RecordedEvent>>) snapshot;
    }
}
