package com.example.notifications.store;

import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.SentMessage;
import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.HeldMessage;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.WaId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sends trustgate allowed, each with the identity it was pinned to (so a later 137000 refusal is traced
 * to its pin), and the messages it held. A held message is released or discarded by one conditional update
 * ({@code … WHERE status = 'HELD'}), so of two people racing to resolve it exactly one wins.
 */
public final class JdbcMessageLog implements MessageLog {

    private static final String SENT_COLUMNS = "id, phone_number_id, contact_id, to_wa_id, recipient, pin, sensitive, decided_at, "
            + "decided_identity, status, whatsapp_message_id, across_change";
    private static final String HELD_COLUMNS = "id, phone_number_id, contact_id, to_wa_id, recipient, body, sensitive, reason, "
            + "held_at, status, sent_message_id, resolved_at";

    private final Sql sql;

    public JdbcMessageLog(JdbcTransactions transactions) {
        this.sql = new Sql(transactions);
    }

    @Override
    public void saveSent(SentMessage m) {
        int updated = sql.update("UPDATE tg_sent_messages SET phone_number_id = ?, contact_id = ?, to_wa_id = ?, recipient = ?, "
                        + "pin = ?, sensitive = ?, decided_at = ?, decided_identity = ?, status = ?, whatsapp_message_id = ?, "
                        + "across_change = ? WHERE id = ?",
                m.contact().business().value(), m.contact().id().value(), m.recipient().to().map(WaId::value),
                m.recipient().recipient().map(CustomerName::value), m.pin().map(IdentityHash::value), m.sensitive(), m.decidedAt(),
                m.decidedIdentity().map(IdentityHash::value), m.status().name(), m.whatsappMessageId(), m.acrossChange(), m.id());
        if (updated == 0) {
            sql.update("INSERT INTO tg_sent_messages (" + SENT_COLUMNS + ") VALUES (" + Sql.placeholders(12) + ")", m.id(),
                    m.contact().business().value(), m.contact().id().value(), m.recipient().to().map(WaId::value),
                    m.recipient().recipient().map(CustomerName::value), m.pin().map(IdentityHash::value), m.sensitive(),
                    m.decidedAt(), m.decidedIdentity().map(IdentityHash::value), m.status().name(), m.whatsappMessageId(),
                    m.acrossChange());
        }
    }

    @Override
    public Optional<SentMessage> findSentByWhatsAppId(String whatsappMessageId) {
        return sql.one("SELECT " + SENT_COLUMNS + " FROM tg_sent_messages WHERE whatsapp_message_id = ?", JdbcMessageLog::sent,
                whatsappMessageId);
    }

    @Override
    public void hold(HeldMessage m) {
        // an id taken already is a duplicate key: a lost race, as the port says
        sql.update("INSERT INTO tg_held_messages (" + HELD_COLUMNS + ") VALUES (" + Sql.placeholders(12) + ")", m.id(),
                m.contact().business().value(), m.contact().id().value(), m.recipient().to().map(WaId::value),
                m.recipient().recipient().map(CustomerName::value), m.body(), m.sensitive(), m.reason().name(), m.heldAt(),
                m.status().name(), m.sentMessageId(), m.resolvedAt());
    }

    @Override
    public Optional<HeldMessage> findHeld(String id) {
        return sql.one("SELECT " + HELD_COLUMNS + " FROM tg_held_messages WHERE id = ?", JdbcMessageLog::held, id);
    }

    @Override
    public boolean resolve(HeldMessage resolved) {
        return sql.update("UPDATE tg_held_messages SET status = ?, sent_message_id = ?, resolved_at = ? WHERE id = ? AND status = ?",
                resolved.status().name(), resolved.sentMessageId(), resolved.resolvedAt(), resolved.id(),
                HeldMessage.Status.HELD.name()) == 1;
    }

    @Override
    public boolean holdAgain(HeldMessage heldAgain, String releasedAs) {
        return sql.update("UPDATE tg_held_messages SET status = ?, sent_message_id = ?, resolved_at = ? "
                        + "WHERE id = ? AND status = ? AND sent_message_id = ?",
                heldAgain.status().name(), heldAgain.sentMessageId(), heldAgain.resolvedAt(), heldAgain.id(),
                HeldMessage.Status.RELEASED.name(), releasedAs) == 1;
    }

    @Override
    public List<HeldMessage> listHeld(ContactKey contact, Optional<HeldMessage> after, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(contact.business().value(), contact.id().value(),
                HeldMessage.Status.HELD.name()));
        String from = "";
        if (after.isPresent()) {
            from = " AND (held_at > ? OR held_at = ? AND id > ?)";
            parameters.addAll(List.of(after.get().heldAt(), after.get().heldAt(), after.get().id()));
        }
        parameters.add(limit);
        return sql.list("SELECT " + HELD_COLUMNS + " FROM tg_held_messages WHERE phone_number_id = ? AND contact_id = ? AND status = ?"
                + from + " ORDER BY held_at, id LIMIT ?", JdbcMessageLog::held, parameters.toArray());
    }

    @Override
    public int countHeld(ContactKey contact) {
        return sql.one("SELECT COUNT(*) FROM tg_held_messages WHERE phone_number_id = ? AND contact_id = ? AND status = ?",
                rs -> rs.getInt(1), contact.business().value(), contact.id().value(), HeldMessage.Status.HELD.name()).orElse(0);
    }

    @Override
    public Map<ContactId, Integer> countHeld(BusinessNumberId business, Collection<ContactId> contacts) {
        if (contacts.isEmpty()) {
            return Map.of();
        }
        List<Object> parameters = new ArrayList<>(List.of(business.value(), HeldMessage.Status.HELD.name()));
        contacts.forEach(c -> parameters.add(c.value()));
        Map<ContactId, Integer> counts = new HashMap<>();
        sql.list("SELECT contact_id, COUNT(*) FROM tg_held_messages WHERE phone_number_id = ? AND status = ? AND contact_id IN ("
                        + Sql.placeholders(contacts.size()) + ") GROUP BY contact_id",
                rs -> Map.entry(new ContactId(rs.getString(1)), rs.getInt(2)), parameters.toArray())
                .forEach(count -> counts.put(count.getKey(), count.getValue()));
        return counts;
    }

    @Override
    public int countHeld(BusinessNumberId business) {
        return sql.one("SELECT COUNT(*) FROM tg_held_messages WHERE phone_number_id = ? AND status = ?", rs -> rs.getInt(1),
                business.value(), HeldMessage.Status.HELD.name()).orElse(0);
    }

    @Override
    public void reassign(ContactKey from, ContactKey to) {
        for (String table : List.of("tg_sent_messages", "tg_held_messages")) {
            sql.update("UPDATE " + table + " SET contact_id = ? WHERE phone_number_id = ? AND contact_id = ?", to.id().value(),
                    from.business().value(), from.id().value());
        }
    }

    private static Recipient recipient(ResultSet rs) throws SQLException {
        return new Recipient(Sql.text(rs, "to_wa_id").map(WaId::new), Sql.text(rs, "recipient").map(CustomerName::parse));
    }

    private static SentMessage sent(ResultSet rs) throws SQLException {
        return new SentMessage(rs.getString("id"), ContactKey.of(rs.getString("phone_number_id"), rs.getString("contact_id")),
                recipient(rs), Sql.text(rs, "pin").map(IdentityHash::new), rs.getBoolean("sensitive"),
                Sql.instant(rs, "decided_at").orElseThrow(), Sql.text(rs, "decided_identity").map(IdentityHash::new),
                SentMessage.Status.valueOf(rs.getString("status")), Sql.text(rs, "whatsapp_message_id"), rs.getBoolean("across_change"));
    }

    private static HeldMessage held(ResultSet rs) throws SQLException {
        return new HeldMessage(rs.getString("id"), ContactKey.of(rs.getString("phone_number_id"), rs.getString("contact_id")),
                recipient(rs), rs.getString("body"), rs.getBoolean("sensitive"), BlockReason.valueOf(rs.getString("reason")),
                Sql.instant(rs, "held_at").orElseThrow(), HeldMessage.Status.valueOf(rs.getString("status")),
                Sql.text(rs, "sent_message_id"), Sql.instant(rs, "resolved_at"));
    }
}
