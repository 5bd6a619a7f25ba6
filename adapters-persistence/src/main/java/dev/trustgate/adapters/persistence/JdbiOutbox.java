package dev.trustgate.adapters.persistence;

import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.domain.BusinessNumberId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The outbox table. Claimers pick entries that are due and first in their line, round the destinations
 * and within each destination's share, lock them with {@code SELECT … FOR UPDATE SKIP LOCKED}
 * (PostgreSQL and H2 alike) and hide them behind a lease with a fresh fencing token, so several nodes
 * share the work, never deliver the same entry at once, and a settle under a lost lease changes nothing.
 */
public final class JdbiOutbox implements Outbox {

    interface Dao {
        String COLUMNS = "id, position, phone_number_id, kind, destination, ordering_key, event_sequence, payload, trust_header, "
                + "attempts, next_attempt_at, status, last_error, created_at";

        String INSERT = "INSERT INTO outbox (id, phone_number_id, kind, destination, ordering_key, event_sequence, payload, "
                + "trust_header, attempts, next_attempt_at, status, last_error, created_at) VALUES (:id, :phoneNumberId, :kind, "
                + ":destination, :orderingKey, :eventSequence, :payload, :trustHeader, :attempts, :nextAttemptAt, :status, "
                + ":lastError, :createdAt)";

        @SqlUpdate(INSERT)
        void insert(@BindMethods OutboxRow row);

        @SqlBatch(INSERT)
        void insertAll(@BindMethods List<OutboxRow> rows);

        /**
         * The due heads of line, round the destinations: each destination's oldest first, then each one's
         * second, … (counting what each has in flight already, so the least busy go first), and no
         * destination past {@code perDestination} in flight. Window
         * functions and FOR UPDATE do not mix (PostgreSQL), so this picks without locking and
         * {@link #lock} takes what is still free.
         */
        @SqlQuery("SELECT r.id FROM (SELECT o.id, o.destination, o.position, "
                + "ROW_NUMBER() OVER (PARTITION BY o.destination ORDER BY o.position) AS turn "
                + "FROM outbox o WHERE o.status = 'PENDING' AND o.next_attempt_at <= :now "
                + "AND (o.leased_until IS NULL OR o.leased_until <= :now) "
                + "AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.destination = o.destination "
                + "AND p.ordering_key = o.ordering_key AND p.position < o.position AND p.status <> 'DELIVERED')) r "
                + "LEFT JOIN (SELECT destination, COUNT(*) AS busy FROM outbox WHERE status = 'PENDING' "
                + "AND leased_until > :now GROUP BY destination) f ON f.destination = r.destination "
                + "WHERE r.turn + COALESCE(f.busy, 0) <= :perDestination "
                + "ORDER BY r.turn + COALESCE(f.busy, 0), r.position LIMIT :limit")
        List<String> fairlyDue(@Bind("now") Instant now, @Bind("limit") int limit, @Bind("perDestination") int perDestination);

        /** Locks those of {@code ids} that no other claimer took meanwhile. */
        @SqlQuery("SELECT " + COLUMNS + " FROM outbox WHERE id IN (<ids>) AND status = 'PENDING' "
                + "AND next_attempt_at <= :now AND (leased_until IS NULL OR leased_until <= :now) "
                + "ORDER BY position FOR UPDATE SKIP LOCKED")
        List<OutboxRow> lock(@BindList("ids") List<String> ids, @Bind("now") Instant now);

        @SqlUpdate("UPDATE outbox SET leased_until = :until, lease_token = :token WHERE id IN (<ids>)")
        int lease(@BindList("ids") List<String> ids, @Bind("until") Instant until, @Bind("token") String token);

        @SqlUpdate("UPDATE outbox SET status = 'DELIVERED', attempts = attempts + 1, leased_until = NULL, lease_token = NULL, "
                + "next_attempt_at = :at WHERE id = :id AND lease_token = :token")
        int delivered(@Bind("id") String id, @Bind("token") String token, @Bind("at") Instant at);

        @SqlUpdate("UPDATE outbox SET status = 'PENDING', attempts = :attempts, next_attempt_at = :next, last_error = :error, "
                + "leased_until = NULL, lease_token = NULL WHERE id = :id AND lease_token = :token")
        int retryLater(@Bind("id") String id, @Bind("token") String token, @Bind("attempts") int attempts,
                       @Bind("next") Instant next, @Bind("error") String error);

        @SqlUpdate("UPDATE outbox SET status = 'PARKED', attempts = :attempts, next_attempt_at = :at, last_error = :error, "
                + "leased_until = NULL, lease_token = NULL WHERE id = :id AND lease_token = :token")
        int park(@Bind("id") String id, @Bind("token") String token, @Bind("attempts") int attempts,
                 @Bind("error") String error, @Bind("at") Instant at);

        /** A delivered entry's {@code next_attempt_at} is when it was delivered (the {@code outbox_due} index serves this). */
        @SqlUpdate("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE status = 'DELIVERED' "
                + "AND next_attempt_at < :before ORDER BY next_attempt_at LIMIT :limit)")
        int pruneDelivered(@Bind("before") Instant before, @Bind("limit") int limit);

        @SqlQuery("SELECT " + COLUMNS + " FROM outbox WHERE status = 'PARKED' ORDER BY position LIMIT :limit")
        List<OutboxRow> allParked(@Bind("limit") int limit);

        @SqlQuery("SELECT " + COLUMNS + " FROM outbox WHERE status = 'PARKED' AND phone_number_id IN (<businesses>) "
                + "ORDER BY position LIMIT :limit")
        List<OutboxRow> parked(@BindList("businesses") List<String> businesses, @Bind("limit") int limit);

        @SqlQuery("SELECT " + COLUMNS + " FROM outbox WHERE id = :id")
        Optional<OutboxRow> find(@Bind("id") String id);

        @SqlUpdate("UPDATE outbox SET status = 'PENDING', attempts = 0, next_attempt_at = :at, leased_until = NULL, "
                + "lease_token = NULL WHERE id = :id AND status = 'PARKED'")
        int redeliver(@Bind("id") String id, @Bind("at") Instant at);

        @SqlUpdate("DELETE FROM outbox WHERE id = :id AND status = 'PARKED'")
        int discardParked(@Bind("id") String id);

        @SqlQuery("SELECT COUNT(*) FROM outbox WHERE status = :status")
        long count(@Bind("status") String status);

        @SqlQuery("SELECT MIN(created_at) FROM outbox WHERE status = 'PENDING'")
        Optional<Instant> oldestPending();
    }

    /** One row of {@code outbox}. */
    public record OutboxRow(String id, long position, String phoneNumberId, String kind, String destination,
                            String orderingKey, Long eventSequence, String payload, String trustHeader, int attempts,
                            Instant nextAttemptAt,
                            String status, String lastError, Instant createdAt) {
        static final RowMapper<OutboxRow> MAPPER = (rs, ctx) -> new OutboxRow(rs.getString("id"), rs.getLong("position"), rs.getString("phone_number_id"),
                rs.getString("kind"), rs.getString("destination"), rs.getString("ordering_key"),
                rs.getObject("event_sequence", Long.class), rs.getString("payload"), rs.getString("trust_header"),
                rs.getInt("attempts"),
                Columns.instant(rs, "next_attempt_at"), rs.getString("status"), rs.getString("last_error"),
                Columns.instant(rs, "created_at"));

        static OutboxRow fromDomain(OutboxEntry e) {
            return new OutboxRow(e.id(), e.position(), e.business().map(BusinessNumberId::value).orElse(null), e.kind().name(),
                    e.destination(), e.orderingKey(),
                    e.eventSequence().orElse(null), e.payload().orElse(null), e.trustHeader().orElse(null), e.attempts(),
                    e.nextAttemptAt(),
                    e.status().name(), e.lastError().orElse(null), e.createdAt());
        }

        OutboxEntry toDomain() {
            return new OutboxEntry(id, Optional.ofNullable(phoneNumberId).map(BusinessNumberId::new), OutboxEntry.Kind.valueOf(kind),
                    destination, orderingKey, position, Optional.ofNullable(eventSequence), Optional.ofNullable(payload),
                    Optional.ofNullable(trustHeader), attempts,
                    nextAttemptAt, OutboxEntry.Status.valueOf(status), Optional.ofNullable(lastError), createdAt);
        }
    }

    private final JdbiTransactions transactions;

    public JdbiOutbox(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void enqueue(OutboxEntry entry) {
        transactions.withDao(Dao.class, dao -> {
            dao.insert(OutboxRow.fromDomain(entry));
            return null;
        });
    }

    /** One JDBC batch: an event's deliveries to every subscription, or a batch of webhooks' events, in one round trip. */
    @Override
    public void enqueueAll(List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        transactions.withDao(Dao.class, dao -> {
            dao.insertAll(entries.stream().map(OutboxRow::fromDomain).toList());
            return null;
        });
    }

    @Override
    public List<Claim> claimDue(Instant now, int limit, int perDestination, Duration lease) {
        return transactions.withDao(Dao.class, dao -> {
            List<String> picked = dao.fairlyDue(now, limit, perDestination);
            if (picked.isEmpty()) {
                return List.<Claim>of();
            }
            Map<String, OutboxRow> locked = new HashMap<>();
            dao.lock(picked, now).forEach(row -> locked.put(row.id(), row));
            if (locked.isEmpty()) {
                return List.<Claim>of();
            }
            String token = UUID.randomUUID().toString();
            dao.lease(List.copyOf(locked.keySet()), now.plus(lease), token);
            return picked.stream().filter(locked::containsKey).map(id -> new Claim(locked.get(id).toDomain(), token)).toList();
        });
    }

    @Override
    public boolean markDelivered(Claim claim, Instant at) {
        return transactions.withDao(Dao.class, dao -> dao.delivered(claim.entry().id(), claim.token(), at)) == 1;
    }

    @Override
    public boolean retryLater(Claim claim, int attempts, Instant nextAttemptAt, String lastError) {
        return transactions.withDao(Dao.class, dao -> dao.retryLater(claim.entry().id(), claim.token(), attempts, nextAttemptAt,
                truncate(lastError))) == 1;
    }

    @Override
    public boolean park(Claim claim, int attempts, String lastError, Instant at) {
        return transactions.withDao(Dao.class, dao -> dao.park(claim.entry().id(), claim.token(), attempts, truncate(lastError),
                at)) == 1;
    }

    @Override
    public int pruneDelivered(Instant before, int limit) {
        return transactions.withDao(Dao.class, dao -> dao.pruneDelivered(before, limit));
    }

    @Override
    public List<OutboxEntry> listParked(Set<BusinessNumberId> businesses, boolean all, int limit) {
        if (!all && businesses.isEmpty()) {
            return List.of();
        }
        List<OutboxRow> rows = transactions.withDao(Dao.class, dao -> all ? dao.allParked(limit)
                : dao.parked(businesses.stream().map(BusinessNumberId::value).toList(), limit));
        return rows.stream().map(OutboxRow::toDomain).toList();
    }

    @Override
    public Optional<OutboxEntry> find(String id) {
        return transactions.withDao(Dao.class, dao -> dao.find(id)).map(OutboxRow::toDomain);
    }

    @Override
    public boolean redeliver(String id, Instant at) {
        return transactions.withDao(Dao.class, dao -> dao.redeliver(id, at)) == 1;
    }

    @Override
    public boolean discardParked(String id) {
        return transactions.withDao(Dao.class, dao -> dao.discardParked(id)) == 1;
    }

    @Override
    public Backlog backlog(Instant now) {
        return transactions.withDao(Dao.class, dao -> {
            Duration oldest = dao.oldestPending().map(t -> Duration.between(t, now)).filter(d -> !d.isNegative())
                    .orElse(Duration.ZERO);
            return new Backlog(dao.count("PENDING"), dao.count("PARKED"), oldest);
        });
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
    }
}
