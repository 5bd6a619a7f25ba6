package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deliveries queued in the same transaction as the events they carry (transactional outbox). Several
 * nodes claim work from it at once without ever getting the same entry.
 */
public interface Outbox {

    /** Queues an entry; its position is assigned after every entry queued before it. */
    void enqueue(OutboxEntry entry);

    /**
     * Claims up to {@code limit} entries that are due and first in line for their destination and
     * ordering key, hiding them from other claimers for {@code lease}.
     */
    List<OutboxEntry> claimDue(Instant now, int limit, Duration lease);

    void markDelivered(String id, Instant at);

    /** Records a failed attempt and when to try again. */
    void retryLater(String id, int attempts, Instant nextAttemptAt, String lastError);

    /** Gives up on an entry after its retry budget; it stays visible and holds back later ones. */
    void park(String id, int attempts, String lastError, Instant at);

    /** Parked entries of the given business numbers (all when {@code businesses} is empty and {@code all}). */
    List<OutboxEntry> listParked(Set<BusinessNumberId> businesses, boolean all, int limit);

    Optional<OutboxEntry> find(String id);

    /** Puts a parked entry back in line, due now. Returns false when it is not parked. */
    boolean redeliver(String id, Instant at);

    /** Drops a parked entry for good, releasing the entries behind it. Returns false when it is not parked. */
    boolean discardParked(String id);

    /** How many entries are waiting and parked, and how old the oldest waiting one is. */
    Backlog backlog(Instant now);

    record Backlog(long pending, long parked, Duration oldestPendingAge) {
    }
}
