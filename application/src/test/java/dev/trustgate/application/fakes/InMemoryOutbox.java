package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.application.port.out.OutboxEntry.Status;
import dev.trustgate.domain.BusinessNumberId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
    private Map<String, String> tokens = new HashMap<>();
    private long nextPosition = 1;
    private long nextToken = 1;

    @Override
    public synchronized void enqueue(OutboxEntry entry) {
        OutboxEntry positioned = new OutboxEntry(entry.id(), entry.business(), entry.kind(), entry.destination(),
                entry.orderingKey(), nextPosition++, entry.eventSequence(), entry.payload(), entry.trustHeader(), entry.attempts(),
                entry.nextAttemptAt(), entry.status(), entry.lastError(), entry.createdAt());
        entries.put(positioned.id(), positioned);
    }

    @Override
    public synchronized List<Claim> claimDue(Instant now, int limit, int perDestination, Duration lease) {
        Set<String> linesSeen = new HashSet<>();
        Map<String, Integer> turns = new HashMap<>();
        for (OutboxEntry entry : entries.values()) {
            Instant until = leasedUntil.get(entry.id());
            if (entry.status() == Status.PENDING && until != null && until.isAfter(now)) {
                turns.merge(entry.destination(), 1, Integer::sum);
            }
        }
        List<OutboxEntry> candidates = new ArrayList<>();
        Map<String, Integer> turnOf = new HashMap<>();
        for (OutboxEntry entry : entries.values()) {
            if (entry.status() == Status.DELIVERED) {
                continue;
            }
            boolean firstInLine = linesSeen.add(entry.destination() + "\n" + entry.orderingKey());
            Instant lease0 = leasedUntil.get(entry.id());
            if (firstInLine && entry.status() == Status.PENDING && !entry.nextAttemptAt().isAfter(now)
                    && (lease0 == null || !lease0.isAfter(now))) {
                int turn = turns.merge(entry.destination(), 1, Integer::sum);
                if (turn <= perDestination) {
                    candidates.add(entry);
                    turnOf.put(entry.id(), turn);
                }
            }
        }
        String token = "lease-" + nextToken++;
        List<Claim> claimed = new ArrayList<>();
        candidates.stream().sorted(Comparator.<OutboxEntry>comparingInt(e -> turnOf.get(e.id()))
                .thenComparingLong(OutboxEntry::position)).limit(limit).forEach(entry -> {
                    leasedUntil.put(entry.id(), now.plus(lease));
                    tokens.put(entry.id(), token);
                    claimed.add(new Claim(entry, token));
                });
        return claimed;
    }

    @Override
    public synchronized boolean markDelivered(Claim claim, Instant at) {
        return settle(claim, e -> with(e, Status.DELIVERED, e.attempts() + 1, at, e.lastError()));
    }

    @Override
    public synchronized boolean retryLater(Claim claim, int attempts, Instant nextAttemptAt, String lastError) {
        return settle(claim, e -> with(e, Status.PENDING, attempts, nextAttemptAt, Optional.of(lastError)));
    }

    @Override
    public synchronized boolean park(Claim claim, int attempts, String lastError, Instant at) {
        return settle(claim, e -> with(e, Status.PARKED, attempts, at, Optional.of(lastError)));
    }

    @Override
    public synchronized int pruneDelivered(Instant before, int limit) {
        List<String> old = entries.values().stream().filter(e -> e.status() == Status.DELIVERED)
                .filter(e -> e.nextAttemptAt().isBefore(before)).map(OutboxEntry::id).limit(limit).toList();
        old.forEach(entries::remove);
        return old.size();
    }

    @Override
    public synchronized List<OutboxEntry> listParked(Set<BusinessNumberId> businesses, boolean all, int limit) {
        return entries.values().stream().filter(e -> e.status() == Status.PARKED)
                .filter(e -> all || e.business().filter(businesses::contains).isPresent()).limit(limit).toList();
    }

    /** Every entry, in position order (delivered ones until pruned). */
    public synchronized List<OutboxEntry> all() {
        return List.copyOf(entries.values());
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
        leasedUntil.remove(id);
        tokens.remove(id);
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

    /** Applies a settle only while {@code claim} still holds the entry (its token is the entry's). */
    private boolean settle(Claim claim, java.util.function.UnaryOperator<OutboxEntry> change) {
        String id = claim.entry().id();
        OutboxEntry entry = entries.get(id);
        if (entry == null || !claim.token().equals(tokens.get(id))) {
            return false;
        }
        entries.put(id, change.apply(entry));
        leasedUntil.remove(id);
        tokens.remove(id);
        return true;
    }

    private static OutboxEntry with(OutboxEntry e, Status status, int attempts, Instant next, Optional<String> error) {
        return new OutboxEntry(e.id(), e.business(), e.kind(), e.destination(), e.orderingKey(), e.position(), e.eventSequence(),
                e.payload(), e.trustHeader(), attempts, next, status, error, e.createdAt());
    }

    @Override
    public synchronized Object snapshot() {
        return List.of(new LinkedHashMap<>(entries), new HashMap<>(leasedUntil), new HashMap<>(tokens), nextPosition);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        List<Object> parts = (List<Object>) snapshot;
        entries = new LinkedHashMap<>((Map<String, OutboxEntry>) parts.get(0));
        leasedUntil = new HashMap<>((Map<String, Instant>) parts.get(1));
        tokens = new HashMap<>((Map<String, String>) parts.get(2));
        nextPosition = (Long) parts.get(3);
    }
}
