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
     * Queues {@code entries} in their order, as {@link #enqueue} would one after another; a store may write them
     * in one round trip.
     */
    default void enqueueAll(List<OutboxEntry> entries) {
        entries.forEach(this::enqueue);
    }

    /**
     * Claims up to {@code limit} entries that are due and first in line for their destination and
     * ordering key, hiding them from other claimers for {@code lease} and writing a fresh fencing token
     * into them. Claims are fair across destinations: they go round the destinations (each one's oldest
     * entry first, then each one's second, …), and a destination never has more than
     * {@code perDestination} entries leased at once, counting those other claims still hold, so one
     * slow destination cannot take every delivery slot.
     */
    List<Claim> claimDue(Instant now, int limit, int perDestination, Duration lease);

    /**
     * Records a delivery. Like every settle, it applies only while {@code claim} still holds the entry
     * (its token matches): a claim whose lease ran out and was taken over settles nothing, so it can
     * never rewind an entry another claimer delivered. Returns whether it applied.
     */
    boolean markDelivered(Claim claim, Instant at);

    /** Records a failed attempt and when to try again; see {@link #markDelivered}. */
    boolean retryLater(Claim claim, int attempts, Instant nextAttemptAt, String lastError);

    /**
     * Gives up on an entry (retry budget used, or it can never be delivered); it stays visible and
     * holds back later ones. See {@link #markDelivered}.
     */
    boolean park(Claim claim, int attempts, String lastError, Instant at);

    /**
     * Deletes up to {@code limit} delivered entries that were delivered before {@code before} (relay
     * payloads are customers' messages: they are not kept longer than needed). Returns how many.
     */
    int pruneDelivered(Instant before, int limit);

    /** Parked entries of the given business numbers (all when {@code businesses} is empty and {@code all}). */
    List<OutboxEntry> listParked(Set<BusinessNumberId> businesses, boolean all, int limit);

    Optional<OutboxEntry> find(String id);

    /** Puts a parked entry back in line, due now. Returns false when it is not parked. */
    boolean redeliver(String id, Instant at);

    /** Drops a parked entry for good, releasing the entries behind it. Returns false when it is not parked. */
    boolean discardParked(String id);

    /** How many entries are waiting and parked, and how old the oldest waiting one is. */
    Backlog backlog(Instant now);

    /** The outbox's backlog: entries waiting, entries parked, and the age of the oldest waiting one. */
    record Backlog(long pending, long parked, Duration oldestPendingAge) {
    }

    /** An entry as one claim holds it: {@code token} fences the claim's settles. */
    record Claim(OutboxEntry entry, String token) {
    }
}
