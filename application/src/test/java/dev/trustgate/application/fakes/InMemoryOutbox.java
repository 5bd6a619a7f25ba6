package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.application.port.out.OutboxEntry.Status;
import dev.trustgate.domain.BusinessNumberId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

public final class InMemoryOutbox implements Outbox, InMemoryState {

    private Map<String, OutboxEntry> entries = new LinkedHashMap<>();
    private Map<String, Instant> leasedUntil = new HashMap<>();
    private long nextPosition = 1;

    @Override
    public synchronized void enqueue(OutboxEntry entry) {
        OutboxEntry positioned = new OutboxEntry(entry.id(), entry.business(), entry.kind(), entry.destination(),
                entry.orderingKey(), nextPosition++, entry.eventSequence(), entry.payload(), entry.trustHeader(), entry.attempts(),
                entry.nextAttemptAt(), entry.status(), entry.lastError(), entry.createdAt());
        entries.put(positioned.id(), positioned);
    }

    @Override
    public synchronized List<OutboxEntry> claimDue(Instant now, int limit, Duration lease) {
        Set<String> linesSeen = new HashSet<>();
        List<OutboxEntry> claimed = new ArrayList<>();
        for (OutboxEntry entry : entries.values()) {
            if (entry.status() == Status.DELIVERED) {
                continue;
            }
            boolean firstInLine = linesSeen.add(entry.destination() + "\n" + entry.orderingKey());
            Instant lease0 = leasedUntil.get(entry.id());
            if (firstInLine && entry.status() == Status.PENDING && !entry.nextAttemptAt().isAfter(now)
                    && (lease0 == null || !lease0.isAfter(now)) && claimed.size() < limit) {
                leasedUntil.put(entry.id(), now.plus(lease));
                claimed.add(entry);
            }
        }
        return claimed;
    }

    @Override
    public synchronized void markDelivered(String id, Instant at) {
        update(id, e -> with(e, Status.DELIVERED, e.attempts() + 1, at, e.lastError()));
    }

    @Override
    public synchronized void retryLater(String id, int attempts, Instant nextAttemptAt, String lastError) {
        update(id, e -> with(e, Status.PENDING, attempts, nextAttemptAt, Optional.of(lastError)));
    }

    @Override
    public synchronized void park(String id, int attempts, String lastError, Instant at) {
        update(id, e -> with(e, Status.PARKED, attempts, at, Optional.of(lastError)));
    }

    @Override
    public synchronized List<OutboxEntry> listParked(Set<BusinessNumberId> businesses, boolean all, int limit) {
        return entries.values().stream().filter(e -> e.status() == Status.PARKED)
                .filter(e -> all || businesses.contains(e.business())).limit(limit).toList();
    }

    @Override
    public synchronized Optional<OutboxEntry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    @Override
    public synchronized boolean redeliver(String id, Instant at) {
        OutboxEntry entry = entries.get(id);
        if (entry == null || entry.status() != Status.PARKED) {
            return false;
        }
        entries.put(id, with(entry, Status.PENDING, 0, at, entry.lastError()));
        return true;
    }

    @Override
    public synchronized boolean discardParked(String id) {
        OutboxEntry entry = entries.get(id);
        if (entry == null || entry.status() != Status.PARKED) {
            return false;
        }
        entries.remove(id);
        return true;
    }

    @Override
    public synchronized Backlog backlog(Instant now) {
        long pending = entries.values().stream().filter(e -> e.status() == Status.PENDING).count();
        long parked = entries.values().stream().filter(e -> e.status() == Status.PARKED).count();
        Duration oldest = entries.values().stream().filter(e -> e.status() == Status.PENDING)
                .map(e -> Duration.between(e.createdAt(), now)).max(Duration::compareTo).orElse(Duration.ZERO);
        return new Backlog(pending, parked, oldest);
    }

    private void update(String id, java.util.function.UnaryOperator<OutboxEntry> change) {
        OutboxEntry entry = entries.get(id);
        if (entry == null) {
            throw new IllegalArgumentException("no outbox entry " + id);
        }
        entries.put(id, change.apply(entry));
        leasedUntil.remove(id);
    }

    private static OutboxEntry with(OutboxEntry e, Status status, int attempts, Instant next, Optional<String> error) {
        return new OutboxEntry(e.id(), e.business(), e.kind(), e.destination(), e.orderingKey(), e.position(), e.eventSequence(),
                e.payload(), e.trustHeader(), attempts, next, status, error, e.createdAt());
    }

    @Override
    public synchronized Object snapshot() {
        return List.of(new LinkedHashMap<>(entries), new HashMap<>(leasedUntil), nextPosition);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        List<Object> parts = (List<Object>) snapshot;
        entries = new LinkedHashMap<>((Map<String, OutboxEntry>) parts.get(0));
        leasedUntil = new HashMap<>((Map<String, Instant>) parts.get(1));
        nextPosition = (Long) parts.get(2);
    }
}
