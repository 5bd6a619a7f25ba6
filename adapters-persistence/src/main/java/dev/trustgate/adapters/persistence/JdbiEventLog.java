package dev.trustgate.adapters.persistence;

import dev.trustgate.application.AuditChain;
import dev.trustgate.application.port.out.EventLog;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactRef;
import dev.trustgate.domain.ParentUserId;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.TrustEvent;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The audit log in the {@code events} table. An append locks its business number's row in
 * {@code event_heads} until commit, so events of one business commit in sequence order (a reader
 * polling {@code after=N} never misses one) and other businesses never wait; the row keeps the newest
 * sequence and hash, so verification sees events removed from the end of the chain. A transaction locks a
 * head once: later appends of the same transaction continue from the head it keeps until its end.
 */
public final class JdbiEventLog implements EventLog {

    /** Rows fetched per round trip while verifying: PostgreSQL streams through a cursor instead of loading the chain. */
    static final int VERIFY_FETCH_SIZE = 500;

    interface Dao {
        @SqlQuery("SELECT last_sequence, last_hash FROM event_heads WHERE phone_number_id = :business FOR UPDATE")
        Optional<Head> lockHead(@Bind("business") String business);

        @SqlUpdate("INSERT INTO event_heads (phone_number_id, last_sequence, last_hash) VALUES (:business, 0, :genesis) "
                + "ON CONFLICT DO NOTHING")
        int createHead(@Bind("business") String business, @Bind("genesis") String genesis);

        @SqlUpdate("UPDATE event_heads SET last_sequence = :sequence, last_hash = :hash WHERE phone_number_id = :business")
        int moveHead(@Bind("business") String business, @Bind("sequence") long sequence, @Bind("hash") String hash);

        @SqlBatch("INSERT INTO events (" + COLUMNS + ") VALUES (:phoneNumberId, :sequence, :type, :contactId, :waId, :userId, "
                + ":parentUserId, :at, :actor, :data, :previousHash, :hash, :format)")
        void insert(@BindMethods List<EventRow> rows);

        @SqlQuery("SELECT last_sequence FROM event_heads WHERE phone_number_id = :business")
        Optional<Long> head(@Bind("business") String business);

        String COLUMNS = "phone_number_id, sequence, type, contact_id, wa_id, user_id, parent_user_id, at, actor, data, "
                + "previous_hash, hash, format";

        @SqlQuery("SELECT " + COLUMNS + " FROM events WHERE phone_number_id = :business AND sequence > :after "
                + "ORDER BY sequence LIMIT :limit")
        List<EventRow> read(@Bind("business") String business, @Bind("after") long after, @Bind("limit") int limit);

        @SqlQuery("SELECT " + COLUMNS + " FROM events WHERE phone_number_id = :business AND contact_id IN (<ids>) "
                + "ORDER BY sequence DESC LIMIT :limit")
        List<EventRow> readContact(@Bind("business") String business, @BindList("ids") List<String> contactIds,
                                   @Bind("limit") int limit);

        @SqlQuery("SELECT last_sequence, last_hash FROM event_heads WHERE phone_number_id = :business")
        Optional<Head> currentHead(@Bind("business") String business);

        /**
         * The business's events in order, each with the head as the same statement sees it (one snapshot, so an
         * append committing meanwhile cannot make the head and the rows disagree), fetched in chunks.
         */
        @SqlQuery("SELECT " + COLUMNS + ", (SELECT last_sequence FROM event_heads WHERE phone_number_id = :business) AS head_sequence, "
                + "(SELECT last_hash FROM event_heads WHERE phone_number_id = :business) AS head_hash "
                + "FROM events WHERE phone_number_id = :business ORDER BY sequence")
        @FetchSize(VERIFY_FETCH_SIZE)
        Stream<ChainRow> chain(@Bind("business") String business);
    }

    /** A row of {@code event_heads} as the port's {@link Head}. */
    static final RowMapper<Head> HEAD_MAPPER = (rs, ctx) -> new Head(rs.getLong("last_sequence"), rs.getString("last_hash"));

    /** One event of the chain and the business's head beside it (null columns when the head row is missing). */
    record ChainRow(EventRow event, Head head) {
        static final RowMapper<ChainRow> MAPPER = (rs, ctx) -> {
            long sequence = rs.getLong("head_sequence");
            Head head = rs.wasNull() ? Head.NONE : new Head(sequence, rs.getString("head_hash"));
            return new ChainRow(EventRow.MAPPER.map(rs, ctx), head);
        };

        /** The event; one whose columns no longer make an event was changed outside trustgate. */
        RecordedEvent recorded() {
            try {
                return event.toDomain();
            } catch (RuntimeException unreadable) {
                throw new AuditChain.UnreadableEvent(event.sequence(), unreadable);
            }
        }
    }

    /** One row of {@code events}. */
    public record EventRow(String phoneNumberId, long sequence, String type, String contactId, String waId, String userId,
                           String parentUserId, Instant at, String actor, String data, String previousHash, String hash,
                           int format) {
        static final RowMapper<EventRow> MAPPER = (rs, ctx) -> new EventRow(rs.getString("phone_number_id"), rs.getLong("sequence"),
                rs.getString("type"), rs.getString("contact_id"), rs.getString("wa_id"), rs.getString("user_id"),
                rs.getString("parent_user_id"), Columns.instant(rs, "at"), rs.getString("actor"), rs.getString("data"),
                rs.getString("previous_hash"), rs.getString("hash"), rs.getInt("format"));

        static EventRow fromDomain(RecordedEvent e) {
            ContactNames names = e.contact().names();
            return new EventRow(e.contact().business().value(), e.sequence(), e.type(), e.contact().id().value(),
                    names.waId().map(WaId::value).orElse(null), names.userId().map(UserId::value).orElse(null),
                    names.parentUserId().map(ParentUserId::value).orElse(null), e.at(), e.actor().id(), Columns.json(e.data()),
                    e.previousHash(), e.hash(), e.format());
        }

        RecordedEvent toDomain() {
            ContactNames names = new ContactNames(Optional.ofNullable(waId).map(WaId::new),
                    Optional.ofNullable(userId).map(UserId::new), Optional.ofNullable(parentUserId).map(ParentUserId::new));
            return new RecordedEvent(sequence, type, new ContactRef(new ContactKey(new BusinessNumberId(phoneNumberId),
                    new ContactId(contactId)), names), at, new Actor(actor), Columns.map(data), previousHash, hash, format);
        }
    }

    private final JdbiTransactions transactions;

    public JdbiEventLog(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public List<RecordedEvent> append(BusinessNumberId business, List<TrustEvent> events) {
        if (events.stream().anyMatch(e -> !e.contact().business().equals(business))) {
            throw new IllegalArgumentException("event of another business number");
        }
        if (events.isEmpty()) {
            return List.of();
        }
        return transactions.withDao(Dao.class, dao -> {
            Map<String, Head> locked = transactions.transactionCache(JdbiEventLog.class);
            Head head = locked.get(business.value());
            if (head == null) {
                head = dao.lockHead(business.value()).orElseGet(() -> {
                    dao.createHead(business.value(), AuditChain.GENESIS);
                    return dao.lockHead(business.value()).orElseThrow();
                });
            }
            List<RecordedEvent> recorded = new ArrayList<>(events.size());
            long sequence = head.sequence();
            String previous = head.hash();
            for (TrustEvent event : events) {
                RecordedEvent sealed = AuditChain.seal(event, ++sequence, previous);
                recorded.add(sealed);
                previous = sealed.hash();
            }
            dao.insert(recorded.stream().map(EventRow::fromDomain).toList());
            dao.moveHead(business.value(), sequence, previous);
            // the head stays locked until the transaction ends: its next append here starts from it without asking
            locked.put(business.value(), new Head(sequence, previous));
            return recorded;
        });
    }

    @Override
    public List<RecordedEvent> read(BusinessNumberId business, long after, int limit) {
        return transactions.withDao(Dao.class, dao -> dao.read(business.value(), after, limit))
                .stream().map(EventRow::toDomain).toList();
    }

    @Override
    public long head(BusinessNumberId business) {
        return transactions.withDao(Dao.class, dao -> dao.head(business.value())).orElse(0L);
    }

    @Override
    public List<RecordedEvent> readContact(List<ContactKey> contacts, int limit) {
        if (contacts.isEmpty()) {
            return List.of();
        }
        return transactions.withDao(Dao.class, dao -> dao.readContact(contacts.get(0).business().value(),
                contacts.stream().map(c -> c.id().value()).toList(), limit)).stream().map(EventRow::toDomain).toList();
    }

    @Override
    public AuditVerification verify(BusinessNumberId business) {
        return transactions.withDao(Dao.class, dao -> {
            // Read before the chain: every event of a head seen here is visible to the later statement, so a chain
            // that then shows no events at all against this head was emptied.
            Head before = dao.currentHead(business.value()).orElse(Head.NONE);
            try (Stream<ChainRow> rows = dao.chain(business.value())) {
                Iterator<ChainRow> chain = rows.iterator();
                if (!chain.hasNext()) {
                    return AuditChain.verify(before, Collections.emptyIterator());
                }
                ChainRow first = chain.next();
                Iterator<RecordedEvent> events = new Iterator<>() {
                    private ChainRow next = first;

                    @Override
                    public boolean hasNext() {
                        return next != null || chain.hasNext();
                    }

                    @Override
                    public RecordedEvent next() {
                        ChainRow row = next != null ? next : chain.next();
                        next = null;
                        return row.recorded();
                    }
                };
                return AuditChain.verify(first.head(), events);
            }
        });
    }
}
