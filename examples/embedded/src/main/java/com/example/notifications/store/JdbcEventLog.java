package com.example.notifications.store;

import dev.trustgate.application.AuditChain;
import dev.trustgate.application.port.out.EventLog;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactRef;
import dev.trustgate.domain.ParentUserId;
import dev.trustgate.domain.TrustEvent;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit trail in the service's own database: each business number's events numbered from 1 and
 * hash-chained with trustgate's {@link AuditChain}, so {@code VerifyAuditChain} checks it exactly as it checks
 * the server's. An append locks its business number's row in {@code tg_event_heads} until commit: events of
 * one business commit in sequence order, and other businesses never wait.
 */
public final class JdbcEventLog implements EventLog {

    private static final String COLUMNS = "phone_number_id, sequence, type, contact_id, wa_id, user_id, parent_user_id, at, actor, "
            + "previous_hash, hash, format";

    private final Sql sql;

    public JdbcEventLog(JdbcTransactions transactions) {
        this.sql = new Sql(transactions);
    }

    @Override
    public List<RecordedEvent> append(BusinessNumberId business, List<TrustEvent> events) {
        if (events.stream().anyMatch(e -> !e.contact().business().equals(business))) {
            throw new IllegalArgumentException("event of another business number");
        }
        if (events.isEmpty()) {
            return List.of();
        }
        Head head = lockHead(business).orElseGet(() -> {
            sql.update("INSERT INTO tg_event_heads (phone_number_id, last_sequence, last_hash) VALUES (?, 0, ?)", business.value(),
                    AuditChain.GENESIS);
            return lockHead(business).orElseThrow();
        });
        List<RecordedEvent> recorded = new ArrayList<>(events.size());
        long sequence = head.sequence();
        String previous = head.hash();
        for (TrustEvent event : events) {
            RecordedEvent sealed = AuditChain.seal(event, ++sequence, previous);
            insert(sealed);
            recorded.add(sealed);
            previous = sealed.hash();
        }
        sql.update("UPDATE tg_event_heads SET last_sequence = ?, last_hash = ? WHERE phone_number_id = ?", sequence, previous,
                business.value());
        return recorded;
    }

    private Optional<Head> lockHead(BusinessNumberId business) {
        return sql.one("SELECT last_sequence, last_hash FROM tg_event_heads WHERE phone_number_id = ? FOR UPDATE",
                rs -> new Head(rs.getLong("last_sequence"), rs.getString("last_hash")), business.value());
    }

    private void insert(RecordedEvent e) {
        ContactNames names = e.contact().names();
        sql.update("INSERT INTO tg_events (" + COLUMNS + ") VALUES (" + Sql.placeholders(12) + ")", e.contact().business().value(),
                e.sequence(), e.type(), e.contact().id().value(), names.waId().map(WaId::value), names.userId().map(UserId::value),
                names.parentUserId().map(ParentUserId::value), e.at(), e.actor().id(), e.previousHash(), e.hash(), e.format());
        for (Map.Entry<String, String> data : e.data().entrySet()) {
            sql.update("INSERT INTO tg_event_data (phone_number_id, sequence, name, data_value) VALUES (?, ?, ?, ?)",
                    e.contact().business().value(), e.sequence(), data.getKey(), data.getValue());
        }
    }

    @Override
    public List<RecordedEvent> read(BusinessNumberId business, long after, int limit) {
        return withData(business, sql.list("SELECT " + COLUMNS + " FROM tg_events WHERE phone_number_id = ? AND sequence > ? "
                + "ORDER BY sequence LIMIT ?", JdbcEventLog::event, business.value(), after, limit));
    }

    @Override
    public long head(BusinessNumberId business) {
        return sql.one("SELECT last_sequence FROM tg_event_heads WHERE phone_number_id = ?", rs -> rs.getLong(1), business.value())
                .orElse(0L);
    }

    @Override
    public List<RecordedEvent> readContact(List<ContactKey> contacts, int limit) {
        if (contacts.isEmpty()) {
            return List.of();
        }
        BusinessNumberId business = contacts.get(0).business();
        List<Object> parameters = new ArrayList<>();
        parameters.add(business.value());
        contacts.forEach(c -> parameters.add(c.id().value()));
        parameters.add(limit);
        return withData(business, sql.list("SELECT " + COLUMNS + " FROM tg_events WHERE phone_number_id = ? AND contact_id IN ("
                + Sql.placeholders(contacts.size()) + ") ORDER BY sequence DESC LIMIT ?", JdbcEventLog::event, parameters.toArray()));
    }

    /**
     * Verifies one page of the chain after another, so a long chain is never read at once. The head is read
     * first: every event it counts is visible to the reads that follow.
     */
    @Override
    public AuditVerification verify(BusinessNumberId business) {
        Head head = sql.one("SELECT last_sequence, last_hash FROM tg_event_heads WHERE phone_number_id = ?",
                rs -> new Head(rs.getLong("last_sequence"), rs.getString("last_hash")), business.value()).orElse(Head.NONE);
        Iterator<RecordedEvent> chain = new Iterator<>() {
            private static final int PAGE = 500;
            private Iterator<RecordedEvent> page = List.<RecordedEvent>of().iterator();
            private long after;
            private boolean last;

            @Override
            public boolean hasNext() {
                if (!page.hasNext() && !last) {
                    List<RecordedEvent> next = read(business, after, PAGE);
                    last = next.size() < PAGE;
                    if (!next.isEmpty()) {
                        after = next.get(next.size() - 1).sequence();
                    }
                    page = next.iterator();
                }
                return page.hasNext();
            }

            @Override
            public RecordedEvent next() {
                hasNext();
                return page.next();
            }
        };
        return AuditChain.verify(head, chain);
    }

    /** The events with their data, read in one query. */
    private List<RecordedEvent> withData(BusinessNumberId business, List<RecordedEvent> events) {
        if (events.isEmpty()) {
            return events;
        }
        List<Object> parameters = new ArrayList<>();
        parameters.add(business.value());
        events.forEach(e -> parameters.add(e.sequence()));
        Map<Long, Map<String, String>> data = new HashMap<>();
        sql.list("SELECT sequence, name, data_value FROM tg_event_data WHERE phone_number_id = ? AND sequence IN ("
                        + Sql.placeholders(events.size()) + ")",
                rs -> Map.entry(rs.getLong("sequence"), Map.entry(rs.getString("name"), rs.getString("data_value"))),
                parameters.toArray())
                .forEach(d -> data.computeIfAbsent(d.getKey(), s -> new HashMap<>()).put(d.getValue().getKey(), d.getValue().getValue()));
        return events.stream().map(e -> new RecordedEvent(e.sequence(), e.type(), e.contact(), e.at(), e.actor(),
                data.getOrDefault(e.sequence(), Map.of()), e.previousHash(), e.hash(), e.format())).toList();
    }

    private static RecordedEvent event(ResultSet rs) throws SQLException {
        ContactNames names = new ContactNames(Sql.text(rs, "wa_id").map(WaId::new), Sql.text(rs, "user_id").map(UserId::new),
                Sql.text(rs, "parent_user_id").map(ParentUserId::new));
        return new RecordedEvent(rs.getLong("sequence"), rs.getString("type"),
                new ContactRef(ContactKey.of(rs.getString("phone_number_id"), rs.getString("contact_id")), names),
                Sql.instant(rs, "at").orElseThrow(), new Actor(rs.getString("actor")), Map.of(), rs.getString("previous_hash"),
                rs.getString("hash"), rs.getInt("format"));
    }
}
