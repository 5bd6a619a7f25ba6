package dev.trustgate.adapters.persistence;

import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ChangeId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.PendingChange;
import dev.trustgate.domain.Reauthentication;
import dev.trustgate.domain.ReauthenticationId;
import dev.trustgate.domain.ReauthenticationOutcome;
import dev.trustgate.domain.TrustState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Contacts in the {@code contacts} table; every update is checked against the version it replaces. */
public final class JdbiContactStore implements ContactStore {

    interface Dao {
        String COLUMNS = "phone_number_id, wa_id, state, identity_hash, identity_as_of, pinned_hash, verified_hash, "
                + "pending_change_id, pending_hash, pending_detected_at, pending_first_acknowledger, reauth_id, "
                + "reauth_change_id, reauth_started_at, reauth_outcome, reauth_attempts, version, updated_at, identity_first_use";

        @SqlQuery("SELECT " + COLUMNS + " FROM contacts WHERE phone_number_id = :business AND wa_id = :waId")
        Optional<ContactRow> find(@Bind("business") String business, @Bind("waId") String waId);

        @SqlQuery("SELECT " + COLUMNS + " FROM contacts WHERE phone_number_id = :business AND wa_id = :waId FOR UPDATE")
        Optional<ContactRow> findForUpdate(@Bind("business") String business, @Bind("waId") String waId);

        @SqlUpdate("INSERT INTO contacts (" + COLUMNS + ") VALUES (:phoneNumberId, :waId, :state, :identityHash, "
                + ":identityAsOf, :pinnedHash, :verifiedHash, :pendingChangeId, :pendingHash, :pendingDetectedAt, "
                + ":pendingFirstAcknowledger, :reauthId, :reauthChangeId, :reauthStartedAt, :reauthOutcome, "
                + ":reauthAttempts, :version, :updatedAt, :identityFirstUse) ON CONFLICT DO NOTHING")
        int insert(@BindMethods ContactRow row);

        @SqlUpdate("UPDATE contacts SET state = :state, identity_hash = :identityHash, identity_as_of = :identityAsOf, "
                + "pinned_hash = :pinnedHash, verified_hash = :verifiedHash, pending_change_id = :pendingChangeId, "
                + "pending_hash = :pendingHash, pending_detected_at = :pendingDetectedAt, "
                + "pending_first_acknowledger = :pendingFirstAcknowledger, reauth_id = :reauthId, "
                + "reauth_change_id = :reauthChangeId, reauth_started_at = :reauthStartedAt, "
                + "reauth_outcome = :reauthOutcome, reauth_attempts = :reauthAttempts, version = :version, "
                + "updated_at = :updatedAt, identity_first_use = :identityFirstUse "
                + "WHERE phone_number_id = :phoneNumberId AND wa_id = :waId AND version = :version - 1")
        int update(@BindMethods ContactRow row);

        @SqlQuery("SELECT " + COLUMNS + " FROM contacts WHERE phone_number_id = :business AND wa_id > :after "
                + "AND (:state IS NULL OR state = :state) ORDER BY wa_id LIMIT :limit")
        List<ContactRow> list(@Bind("business") String business, @Bind("state") String state, @Bind("after") String after,
                              @Bind("limit") int limit);
    }

    /** One row of {@code contacts}. */
    public record ContactRow(String phoneNumberId, String waId, String state, String identityHash, Instant identityAsOf,
                             String pinnedHash, String verifiedHash, String pendingChangeId, String pendingHash,
                             Instant pendingDetectedAt, String pendingFirstAcknowledger, String reauthId,
                             String reauthChangeId, Instant reauthStartedAt, String reauthOutcome, Integer reauthAttempts,
                             long version, Instant updatedAt, boolean identityFirstUse) {
        static final RowMapper<ContactRow> MAPPER = (rs, ctx) -> new ContactRow(rs.getString("phone_number_id"), rs.getString("wa_id"), rs.getString("state"),
                rs.getString("identity_hash"), Columns.instant(rs, "identity_as_of"), rs.getString("pinned_hash"),
                rs.getString("verified_hash"), rs.getString("pending_change_id"), rs.getString("pending_hash"),
                Columns.instant(rs, "pending_detected_at"), rs.getString("pending_first_acknowledger"), rs.getString("reauth_id"),
                rs.getString("reauth_change_id"), Columns.instant(rs, "reauth_started_at"), rs.getString("reauth_outcome"),
                rs.getObject("reauth_attempts", Integer.class), rs.getLong("version"), Columns.instant(rs, "updated_at"),
                rs.getBoolean("identity_first_use"));


        static ContactRow fromDomain(ContactTrust c) {
            Optional<PendingChange> p = c.pendingChange();
            Optional<Reauthentication> r = c.reauthentication();
            return new ContactRow(c.key().business().value(), c.key().waId().value(), c.state().name(),
                    text(c.identityHash()), c.identityAsOf().orElse(null), text(c.pinnedHash()), text(c.verifiedHash()),
                    p.map(x -> x.id().value()).orElse(null), p.flatMap(PendingChange::hash).map(IdentityHash::value).orElse(null),
                    p.map(PendingChange::detectedAt).orElse(null),
                    p.flatMap(PendingChange::firstAcknowledger).map(Actor::id).orElse(null),
                    r.map(x -> x.id().value()).orElse(null), r.map(x -> x.changeId().value()).orElse(null),
                    r.map(Reauthentication::startedAt).orElse(null), r.map(x -> x.outcome().name()).orElse(null),
                    r.map(Reauthentication::attempts).orElse(null), c.version(), c.updatedAt().orElse(null),
                    c.identityOnFirstUse());
        }

        ContactTrust toDomain() {
            Optional<PendingChange> pending = Optional.ofNullable(pendingChangeId).map(id -> new PendingChange(new ChangeId(id),
                    hash(pendingHash), pendingDetectedAt, Optional.ofNullable(pendingFirstAcknowledger).map(Actor::new)));
            Optional<Reauthentication> reauth = Optional.ofNullable(reauthId).map(id -> new Reauthentication(
                    new ReauthenticationId(id), new ChangeId(reauthChangeId), reauthStartedAt,
                    ReauthenticationOutcome.valueOf(reauthOutcome), reauthAttempts));
            return new ContactTrust(new ContactKey(new BusinessNumberId(phoneNumberId), new dev.trustgate.domain.WaId(waId)),
                    TrustState.valueOf(state), hash(identityHash), Optional.ofNullable(identityAsOf), hash(pinnedHash),
                    hash(verifiedHash), pending, reauth, version, Optional.ofNullable(updatedAt), identityFirstUse);
        }

        private static String text(Optional<IdentityHash> hash) {
            return hash.map(IdentityHash::value).orElse(null);
        }

        private static Optional<IdentityHash> hash(String value) {
            return Optional.ofNullable(value).map(IdentityHash::new);
        }
    }

    private final JdbiTransactions transactions;

    public JdbiContactStore(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<ContactTrust> find(ContactKey key) {
        return transactions.withDao(Dao.class, dao -> dao.find(key.business().value(), key.waId().value()))
                .map(ContactRow::toDomain);
    }

    @Override
    public Optional<ContactTrust> findForUpdate(ContactKey key) {
        return transactions.withDao(Dao.class, dao -> dao.findForUpdate(key.business().value(), key.waId().value()))
                .map(ContactRow::toDomain);
    }

    @Override
    public void save(ContactTrust contact) {
        ContactRow row = ContactRow.fromDomain(contact);
        int changed;
        try {
            changed = transactions.withDao(Dao.class, dao -> contact.version() == 1 ? dao.insert(row) : dao.update(row));
        } catch (UnableToExecuteStatementException e) {
            throw JdbiTransactions.translate(e);
        }
        if (changed != 1) {
            throw new ConcurrentUpdateException("contact " + contact.key() + " changed since version " + (contact.version() - 1));
        }
    }

    @Override
    public Page<ContactTrust> list(BusinessNumberId business, Optional<TrustState> state, Optional<String> after, int limit) {
        List<ContactRow> rows = transactions.withDao(Dao.class, dao -> dao.list(business.value(),
                state.map(Enum::name).orElse(null), after.orElse(""), limit + 1));
        List<ContactTrust> contacts = rows.stream().limit(limit).map(ContactRow::toDomain).toList();
        Optional<String> next = rows.size() > limit ? Optional.of(contacts.get(limit - 1).key().waId().value()) : Optional.empty();
        return new Page<>(contacts, next);
    }
}
