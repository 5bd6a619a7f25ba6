package dev.trustgate.adapters.persistence;

import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.SentMessage;
import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.HeldMessage;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.WaId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Sent messages with their pins ({@code sent_messages}) and held messages ({@code held_messages}). */
public final class JdbiMessageLog implements MessageLog {

    interface Dao {
        String SENT = "id, phone_number_id, contact_id, recipient_to, recipient_user, pin, sensitive, decided_at, decided_identity, "
                + "status, whatsapp_message_id, across_change";
        String HELD = "id, phone_number_id, contact_id, recipient_to, recipient_user, body, sensitive, reason, held_at, status, "
                + "sent_message_id, resolved_at";

        @SqlUpdate("UPDATE sent_messages SET status = :status, whatsapp_message_id = :whatsappMessageId, "
                + "across_change = :acrossChange WHERE id = :id")
        int updateSent(@BindMethods SentRow row);

        @SqlUpdate("INSERT INTO sent_messages (" + SENT + ") VALUES (:id, :phoneNumberId, :contactId, :recipientTo, "
                + ":recipientUser, :pin, :sensitive, :decidedAt, :decidedIdentity, :status, :whatsappMessageId, :acrossChange) "
                + "ON CONFLICT DO NOTHING")
        int insertSent(@BindMethods SentRow row);

        @SqlQuery("SELECT " + SENT + " FROM sent_messages WHERE whatsapp_message_id = :wamid")
        Optional<SentRow> findSentByWhatsAppId(@Bind("wamid") String wamid);

        @SqlUpdate("INSERT INTO held_messages (" + HELD + ") VALUES (:id, :phoneNumberId, :contactId, :recipientTo, "
                + ":recipientUser, :body, :sensitive, :reason, "
                + ":heldAt, :status, :sentMessageId, :resolvedAt) ON CONFLICT DO NOTHING")
        int insertHeld(@BindMethods HeldRow row);

        @SqlUpdate("UPDATE held_messages SET status = :status, sent_message_id = :sentMessageId, resolved_at = :resolvedAt "
                + "WHERE id = :id AND status = 'HELD'")
        int resolveHeld(@BindMethods HeldRow resolved);

        @SqlUpdate("UPDATE held_messages SET status = :row.status, sent_message_id = :row.sentMessageId, "
                + "resolved_at = :row.resolvedAt WHERE id = :row.id AND status = 'RELEASED' AND sent_message_id = :releasedAs")
        int holdAgain(@BindMethods("row") HeldRow heldAgain, @Bind("releasedAs") String releasedAs);

        @SqlQuery("SELECT " + HELD + " FROM held_messages WHERE id = :id")
        Optional<HeldRow> findHeld(@Bind("id") String id);

        @SqlQuery("SELECT " + HELD + " FROM held_messages WHERE phone_number_id = :business AND contact_id = :id "
                + "AND status = 'HELD' ORDER BY held_at, id LIMIT :limit")
        List<HeldRow> listHeld(@Bind("business") String business, @Bind("id") String contactId, @Bind("limit") int limit);

        @SqlQuery("SELECT " + HELD + " FROM held_messages WHERE phone_number_id = :business AND contact_id = :id "
                + "AND status = 'HELD' AND (held_at > :afterAt OR (held_at = :afterAt AND id > :afterId)) "
                + "ORDER BY held_at, id LIMIT :limit")
        List<HeldRow> listHeldAfter(@Bind("business") String business, @Bind("id") String contactId, @Bind("afterAt") Instant afterAt,
                                    @Bind("afterId") String afterId, @Bind("limit") int limit);

        @SqlQuery("SELECT COUNT(*) FROM held_messages WHERE phone_number_id = :business AND contact_id = :id AND status = 'HELD'")
        int countHeld(@Bind("business") String business, @Bind("id") String contactId);

        @SqlQuery("SELECT contact_id, COUNT(*) AS held FROM held_messages WHERE phone_number_id = :business "
                + "AND contact_id IN (<ids>) AND status = 'HELD' GROUP BY contact_id")
        @UseRowMapper(HeldCount.Mapper.class)
        List<HeldCount> countHeldPerContact(@Bind("business") String business, @BindList("ids") List<String> contactIds);

        @SqlQuery("SELECT COUNT(*) FROM held_messages WHERE phone_number_id = :business AND status = 'HELD'")
        int countHeldForBusiness(@Bind("business") String business);

        @SqlUpdate("UPDATE sent_messages SET contact_id = :to WHERE phone_number_id = :business AND contact_id = :from")
        int reassignSent(@Bind("business") String business, @Bind("from") String from, @Bind("to") String to);

        @SqlUpdate("UPDATE held_messages SET contact_id = :to WHERE phone_number_id = :business AND contact_id = :from")
        int reassignHeld(@Bind("business") String business, @Bind("from") String from, @Bind("to") String to);
    }

    /** One row of {@code sent_messages}. */
    public record SentRow(String id, String phoneNumberId, String contactId, String recipientTo, String recipientUser, String pin,
                          boolean sensitive, Instant decidedAt, String decidedIdentity, String status, String whatsappMessageId,
                          boolean acrossChange) {
        static final RowMapper<SentRow> MAPPER = (rs, ctx) -> new SentRow(rs.getString("id"), rs.getString("phone_number_id"),
                rs.getString("contact_id"), rs.getString("recipient_to"), rs.getString("recipient_user"), rs.getString("pin"),
                rs.getBoolean("sensitive"), Columns.instant(rs, "decided_at"), rs.getString("decided_identity"), rs.getString("status"),
                rs.getString("whatsapp_message_id"), rs.getBoolean("across_change"));

        static SentRow fromDomain(SentMessage m) {
            return new SentRow(m.id(), m.contact().business().value(), m.contact().id().value(),
                    m.recipient().to().map(WaId::value).orElse(null), m.recipient().recipient().map(CustomerName::value).orElse(null),
                    m.pin().map(IdentityHash::value).orElse(null), m.sensitive(), m.decidedAt(),
                    m.decidedIdentity().map(IdentityHash::value).orElse(null), m.status().name(),
                    m.whatsappMessageId().orElse(null), m.acrossChange());
        }

        SentMessage toDomain() {
            return new SentMessage(id, key(phoneNumberId, contactId), recipient(recipientTo, recipientUser),
                    Optional.ofNullable(pin).map(IdentityHash::new), sensitive, decidedAt,
                    Optional.ofNullable(decidedIdentity).map(IdentityHash::new), SentMessage.Status.valueOf(status), Optional.ofNullable(whatsappMessageId), acrossChange);
        }
    }

    /** One row of {@code held_messages}: a {@link HeldMessage}. */
    public record HeldRow(String id, String phoneNumberId, String contactId, String recipientTo, String recipientUser, String body,
                          boolean sensitive, String reason, Instant heldAt, String status, String sentMessageId, Instant resolvedAt) {
        static final RowMapper<HeldRow> MAPPER = (rs, ctx) -> new HeldRow(rs.getString("id"), rs.getString("phone_number_id"),
                rs.getString("contact_id"), rs.getString("recipient_to"), rs.getString("recipient_user"), rs.getString("body"), rs.getBoolean("sensitive"), rs.getString("reason"), Columns.instant(rs, "held_at"),
                rs.getString("status"), rs.getString("sent_message_id"), Columns.instant(rs, "resolved_at"));

        static HeldRow fromDomain(HeldMessage m) {
            return new HeldRow(m.id(), m.contact().business().value(), m.contact().id().value(),
                    m.recipient().to().map(WaId::value).orElse(null), m.recipient().recipient().map(CustomerName::value).orElse(null),
                    m.body(), m.sensitive(),
                    m.reason().name(), m.heldAt(), m.status().name(), m.sentMessageId().orElse(null),
                    m.resolvedAt().orElse(null));
        }

        HeldMessage toDomain() {
            return new HeldMessage(id, key(phoneNumberId, contactId), recipient(recipientTo, recipientUser), body, sensitive,
                    BlockReason.valueOf(reason), heldAt, HeldMessage.Status.valueOf(status), Optional.ofNullable(sentMessageId),
                    Optional.ofNullable(resolvedAt));
        }
    }

    private static Recipient recipient(String to, String user) {
        return new Recipient(Optional.ofNullable(to).map(WaId::new), Optional.ofNullable(user).map(CustomerName::parse));
    }

    /** How many messages one contact has held. */
    public record HeldCount(String contactId, int held) {
        /** Reads {@code contact_id, held}. */
        public static final class Mapper implements RowMapper<HeldCount> {
            @Override
            public HeldCount map(ResultSet rs, StatementContext ctx) throws SQLException {
                return new HeldCount(rs.getString("contact_id"), rs.getInt("held"));
            }
        }
    }

    private static ContactKey key(String business, String contactId) {
        return new ContactKey(new BusinessNumberId(business), new ContactId(contactId));
    }

    private final JdbiTransactions transactions;

    public JdbiMessageLog(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void saveSent(SentMessage message) {
        SentRow row = SentRow.fromDomain(message);
        // a send is recorded SENDING once, when it is decided; every later save is its outcome
        requireWritten(transactions.withDao(Dao.class, dao -> message.status() == SentMessage.Status.SENDING ? dao.insertSent(row)
                : dao.updateSent(row) == 1 ? 1 : dao.insertSent(row)), message.id());
    }

    @Override
    public Optional<SentMessage> findSentByWhatsAppId(String whatsappMessageId) {
        return transactions.withDao(Dao.class, dao -> dao.findSentByWhatsAppId(whatsappMessageId)).map(SentRow::toDomain);
    }

    @Override
    public void hold(HeldMessage message) {
        if (message.status() != HeldMessage.Status.HELD) {
            throw new IllegalArgumentException("a message is stored as held, not " + message.status());
        }
        requireWritten(transactions.withDao(Dao.class, dao -> dao.insertHeld(HeldRow.fromDomain(message))), message.id());
    }

    @Override
    public boolean resolve(HeldMessage resolved) {
        if (resolved.held()) {
            throw new IllegalArgumentException("a held message is resolved as released or discarded");
        }
        return transactions.withDao(Dao.class, dao -> dao.resolveHeld(HeldRow.fromDomain(resolved))) == 1;
    }

    @Override
    public boolean holdAgain(HeldMessage heldAgain, String releasedAs) {
        if (!heldAgain.held()) {
            throw new IllegalArgumentException("a message is held again as held, not " + heldAgain.status());
        }
        return transactions.withDao(Dao.class, dao -> dao.holdAgain(HeldRow.fromDomain(heldAgain), releasedAs)) == 1;
    }

    @Override
    public Optional<HeldMessage> findHeld(String id) {
        return transactions.withDao(Dao.class, dao -> dao.findHeld(id)).map(HeldRow::toDomain);
    }

    @Override
    public List<HeldMessage> listHeld(ContactKey contact, Optional<HeldMessage> after, int limit) {
        String business = contact.business().value();
        String id = contact.id().value();
        return transactions.withDao(Dao.class, dao -> after.isEmpty() ? dao.listHeld(business, id, limit)
                        : dao.listHeldAfter(business, id, after.get().heldAt(), after.get().id(), limit))
                .stream().map(HeldRow::toDomain).toList();
    }

    @Override
    public int countHeld(ContactKey contact) {
        return transactions.withDao(Dao.class, dao -> dao.countHeld(contact.business().value(), contact.id().value()));
    }

    @Override
    public Map<ContactId, Integer> countHeld(BusinessNumberId business, Collection<ContactId> contacts) {
        if (contacts.isEmpty()) {
            return Map.of();
        }
        List<HeldCount> counts = transactions.withDao(Dao.class, dao -> dao.countHeldPerContact(business.value(),
                contacts.stream().map(ContactId::value).distinct().toList()));
        Map<ContactId, Integer> held = new HashMap<>();
        counts.forEach(count -> held.put(new ContactId(count.contactId()), count.held()));
        return held;
    }

    @Override
    public int countHeld(BusinessNumberId business) {
        return transactions.withDao(Dao.class, dao -> dao.countHeldForBusiness(business.value()));
    }

    @Override
    public void reassign(ContactKey from, ContactKey to) {
        transactions.withDao(Dao.class, dao -> {
            dao.reassignSent(from.business().value(), from.id().value(), to.id().value());
            return dao.reassignHeld(from.business().value(), from.id().value(), to.id().value());
        });
    }

    private static void requireWritten(int rows, String id) {
        if (rows != 1) {
            throw new ConcurrentUpdateException("message " + id + " was written concurrently");
        }
    }
}
