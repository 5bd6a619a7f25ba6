package dev.trustgate.adapters.persistence;

import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.domain.BusinessNumberId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The outbox table. Claimers take entries that are due and first in their line with
 * {@code SELECT … FOR UPDATE SKIP LOCKED} (PostgreSQL and H2 alike) and hide them behind a lease, so
 * several nodes share the work and never deliver the same entry at once.
 */
public final class JdbiOutbox implements Outbox {

    interface Dao {
        String COLUMNS = "id, position, phone_number_id, kind, destination, ordering_key, event_sequence, payload, trust_header, "
                + "attempts, next_attempt_at, status, last_error, created_at";

        @SqlUpdate("INSERT INTO outbox (id, phone_number_id, kind, destination, ordering_key, event_sequence, payload, "
                + "trust_header, attempts, next_attempt_at, status, last_error, created_at) VALUES (:id, :phoneNumberId, :kind, "
                + ":destination, :orderingKey, :eventSequence, :payload, :trustHeader, :attempts, :nextAttemptAt, :status, "
                + ":lastError, :createdAt)")
        void insert(@BindMethods OutboxRow row);

        @SqlQuery("SELECT " + COLUMNS + " FROM outbox o WHERE o.status = 'PENDING' AND o.next_attempt_at <= :now "
                + "AND (o.leased_until IS NULL OR o.leased_until <= :now) "
                + "AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.destination = o.destination "
                + "AND p.ordering_key = o.ordering_key AND p.position < o.position AND p.status <> 'DELIVERED') "
                + "ORDER BY o.position LIMIT :limit FOR UPDATE SKIP LOCKED")
        List<OutboxRow> due(@Bind("now") Instant now, @Bind("limit") int limit);

        @SqlUpdate("UPDATE outbox SET leased_until = :until WHERE id IN (<ids>)")
        int lease(@BindList("ids") List<String> ids, @Bind("until") Instant until);

        @SqlUpdate("UPDATE outbox SET status = 'DELIVERED', attempts = attempts + 1, leased_until = NULL, "
                + "next_attempt_at = :at WHERE id = :id")
        int delivered(@Bind("id") String id, @Bind("at") Instant at);

        @SqlUpdate("UPDATE outbox SET status = 'PENDING', attempts = :attempts, next_attempt_at = :next, last_error = :error, "
                + "leased_until = NULL WHERE id = :id")
        int retryLater(@Bind("id") String id, @Bind("attempts") int attempts, @Bind("next") Instant next,
                       @Bind("error") String error);

        @SqlUpdate("UPDATE outbox SET status = 'PARKED', attempts = :attempts, next_attempt_at = :at, last_error = :error, "
                + "leased_until = NULL WHERE id = :id")
        int park(@Bind("id") String id, @Bind("attempts") int attempts, @Bind("error") String error, @Bind("at") Instant at);

        @SqlQuery("SELECT " + COLUMNS + " FROM outbox WHERE status = 'PARKED' ORDER BY position LIMIT :limit")
        List<OutboxRow> allParked(@Bind("limit") int limit);

        @SqlQuery("SELECT " + COLUMNS + " FROM outbox WHERE status = 'PARKED' AND phone_number_id IN (<businesses>) "
                + "ORDER BY position LIMIT :limit")
        List<OutboxRow> parked(@BindList("businesses") List<String> businesses, @Bind("limit") int limit);

        @SqlQuery("SELECT " + COLUMNS + " FROM outbox WHERE id = :id")
        Optional<OutboxRow> find(@Bind("id") String id);

        @SqlUpdate("UPDATE outbox SET status = 'PENDING', attempts = 0, next_attempt_at = :at, leased_until = NULL "
                + "WHERE id = :id AND status = 'PARKED'")
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
            return new OutboxRow(e.id(), e.position(), e.business().value(), e.kind().name(), e.destination(), e.orderingKey(),
                    e.eventSequence().orElse(null), e.payload().orElse(null), e.trustHeader().orElse(null), e.attempts(),
                    e.nextAttemptAt(),
                    e.status().name(), e.lastError().orElse(null), e.createdAt());
        }

        OutboxEntry toDomain() {
            return new OutboxEntry(id, new BusinessNumberId(phoneNumberId), OutboxEntry.Kind.valueOf(kind), destination,
                    orderingKey, position, Optional.ofNullable(eventSequence), Optional.ofNullable(payload),
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

    @Override
    public List<OutboxEntry> claimDue(Instant now, int limit, Duration lease) {
        return transactions.inTransaction(() -> transactions.withDao(Dao.class, dao -> {
            List<OutboxRow> due = dao.due(now, limit);
            if (!due.isEmpty()) {
                dao.lease(due.stream().map(OutboxRow::id).toList(), now.plus(lease));
            }
            return due.stream().map(OutboxRow::toDomain).toList();
        }));
    }

    @Override
    public void markDelivered(String id, Instant at) {
        transactions.withDao(Dao.class, dao -> dao.delivered(id, at));
    }

    @Override
    public void retryLater(String id, int attempts, Instant nextAttemptAt, String lastError) {
        transactions.withDao(Dao.class, dao -> dao.retryLater(id, attempts, nextAttemptAt, truncate(lastError)));
    }

    @Override
    public void park(String id, int attempts, String lastError, Instant at) {
        transactions.withDao(Dao.class, dao -> dao.park(id, attempts, truncate(lastError), at));
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
