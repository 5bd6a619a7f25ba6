package dev.trustgate.adapters.persistence;

import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ChangeId;
import dev.trustgate.domain.ContactId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.NameKind;
import dev.trustgate.domain.ParentUserId;
import dev.trustgate.domain.PendingChange;
import dev.trustgate.domain.Reauthentication;
import dev.trustgate.domain.ReauthenticationId;
import dev.trustgate.domain.ReauthenticationOutcome;
import dev.trustgate.domain.TrustState;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Contacts in the {@code contacts} table, keyed by business number and contact id, and their names in
 * {@code contact_names} (a name belongs to at most one contact of a business number: the primary key says
 * so). Every update is checked against the version it replaces.
 */
public final class JdbiContactStore implements ContactStore {

    interface Dao {
        String COLUMNS = "phone_number_id, contact_id, wa_id, user_id, parent_user_id, state, identity_hash, identity_as_of, "
                + "pinned_hash, verified_hash, pending_change_id, pending_hash, pending_detected_at, pending_first_acknowledger, "
                + "reauth_id, reauth_change_id, reauth_started_at, reauth_outcome, reauth_attempts, version, updated_at, "
                + "identity_first_use";

        @SqlQuery("SELECT " + COLUMNS + " FROM contacts WHERE phone_number_id = :business AND contact_id = :id "
                + "AND merged_into IS NULL")
        Optional<ContactRow> find(@Bind("business") String business, @Bind("id") String id);

        @SqlQuery("SELECT " + COLUMNS + " FROM contacts WHERE phone_number_id = :business AND contact_id = :id "
                + "AND merged_into IS NULL FOR UPDATE")
        Optional<ContactRow> findForUpdate(@Bind("business") String business, @Bind("id") String id);

        @SqlUpdate("INSERT INTO contacts (" + COLUMNS + ") VALUES (:phoneNumberId, :contactId, :waId, :userId, :parentUserId, "
                + ":state, :identityHash, :identityAsOf, :pinnedHash, :verifiedHash, :pendingChangeId, :pendingHash, "
                + ":pendingDetectedAt, :pendingFirstAcknowledger, :reauthId, :reauthChangeId, :reauthStartedAt, :reauthOutcome, "
                + ":reauthAttempts, :version, :updatedAt, :identityFirstUse) ON CONFLICT DO NOTHING")
        int insert(@BindMethods ContactRow row);

        @SqlUpdate("UPDATE contacts SET wa_id = :waId, user_id = :userId, parent_user_id = :parentUserId, state = :state, "
                + "identity_hash = :identityHash, identity_as_of = :identityAsOf, pinned_hash = :pinnedHash, "
                + "verified_hash = :verifiedHash, pending_change_id = :pendingChangeId, pending_hash = :pendingHash, "
                + "pending_detected_at = :pendingDetectedAt, pending_first_acknowledger = :pendingFirstAcknowledger, "
                + "reauth_id = :reauthId, reauth_change_id = :reauthChangeId, reauth_started_at = :reauthStartedAt, "
                + "reauth_outcome = :reauthOutcome, reauth_attempts = :reauthAttempts, version = :version, "
                + "updated_at = :updatedAt, identity_first_use = :identityFirstUse "
                + "WHERE phone_number_id = :phoneNumberId AND contact_id = :contactId AND version = :version - 1")
        int update(@BindMethods ContactRow row);

        @SqlUpdate("UPDATE contacts SET merged_into = :into WHERE phone_number_id = :business AND contact_id = :id "
                + "AND version = :version AND merged_into IS NULL")
        int mergeInto(@Bind("business") String business, @Bind("id") String id, @Bind("version") long version,
                      @Bind("into") String into);

        @SqlQuery("SELECT merged_into FROM contacts WHERE phone_number_id = :business AND contact_id = :id")
        Optional<String> mergedInto(@Bind("business") String business, @Bind("id") String id);

        @SqlQuery("SELECT contact_id FROM contacts WHERE phone_number_id = :business AND merged_into = :id ORDER BY contact_id")
        List<String> absorbedBy(@Bind("business") String business, @Bind("id") String id);

        @SqlUpdate("UPDATE contacts SET left_by = :movedTo, left_at = :at WHERE phone_number_id = :business AND contact_id = :id")
        int recordDeparture(@Bind("business") String business, @Bind("id") String id, @Bind("movedTo") String movedTo,
                            @Bind("at") Instant at);

        @SqlQuery("SELECT left_by, left_at FROM contacts WHERE phone_number_id = :business AND contact_id = :id "
                + "AND left_by IS NOT NULL")
        Optional<DepartureRow> departure(@Bind("business") String business, @Bind("id") String id);

        @SqlQuery("SELECT " + COLUMNS + " FROM contacts WHERE phone_number_id = :business AND contact_id > :after "
                + "AND merged_into IS NULL AND (:state IS NULL OR state = :state) ORDER BY contact_id LIMIT :limit")
        List<ContactRow> list(@Bind("business") String business, @Bind("state") String state, @Bind("after") String after,
                              @Bind("limit") int limit);

        @SqlQuery("SELECT name, kind, contact_id FROM contact_names WHERE phone_number_id = :business AND name IN (<names>)")
        List<NameRow> resolve(@Bind("business") String business, @BindList("names") List<String> names);

        @SqlQuery("SELECT name, kind, contact_id FROM contact_names WHERE phone_number_id = :business AND contact_id = :id "
                + "ORDER BY name")
        List<NameRow> names(@Bind("business") String business, @Bind("id") String id);

        @SqlUpdate("INSERT INTO contact_names (phone_number_id, name, kind, contact_id, linked_at) "
                + "VALUES (:business, :name, :kind, :id, :at) ON CONFLICT DO NOTHING")
        int link(@Bind("business") String business, @Bind("name") String name, @Bind("kind") String kind, @Bind("id") String id,
                 @Bind("at") Instant at);

        @SqlQuery("SELECT contact_id FROM contact_names WHERE phone_number_id = :business AND name = :name")
        Optional<String> owner(@Bind("business") String business, @Bind("name") String name);

        @SqlUpdate("DELETE FROM contact_names WHERE phone_number_id = :business AND name = :name")
        int unlink(@Bind("business") String business, @Bind("name") String name);

        @SqlUpdate("DELETE FROM contact_names WHERE phone_number_id = :business AND contact_id = :id")
        int unlinkAll(@Bind("business") String business, @Bind("id") String id);
    }

    /** Who left a number, and when. */
    record DepartureRow(String leftBy, Instant leftAt) {
        static final RowMapper<DepartureRow> MAPPER = (rs, ctx) -> new DepartureRow(rs.getString("left_by"),
                Columns.instant(rs, "left_at"));
    }

    /** One row of {@code contact_names}. */
    record NameRow(String name, String kind, String contactId) {
        static final RowMapper<NameRow> MAPPER = (rs, ctx) -> new NameRow(rs.getString("name"), rs.getString("kind"),
                rs.getString("contact_id"));

        CustomerName toDomain() {
            return CustomerName.of(NameKind.valueOf(kind), name);
        }
    }

    /** One row of {@code contacts}. */
    public record ContactRow(String phoneNumberId, String contactId, String waId, String userId, String parentUserId, String state,
                             String identityHash, Instant identityAsOf, String pinnedHash, String verifiedHash,
                             String pendingChangeId, String pendingHash, Instant pendingDetectedAt,
                             String pendingFirstAcknowledger, String reauthId, String reauthChangeId, Instant reauthStartedAt,
                             String reauthOutcome, Integer reauthAttempts, long version, Instant updatedAt,
                             boolean identityFirstUse) {
        static final RowMapper<ContactRow> MAPPER = (rs, ctx) -> new ContactRow(rs.getString("phone_number_id"),
                rs.getString("contact_id"), rs.getString("wa_id"), rs.getString("user_id"), rs.getString("parent_user_id"),
                rs.getString("state"), rs.getString("identity_hash"), Columns.instant(rs, "identity_as_of"),
                rs.getString("pinned_hash"), rs.getString("verified_hash"), rs.getString("pending_change_id"),
                rs.getString("pending_hash"), Columns.instant(rs, "pending_detected_at"), rs.getString("pending_first_acknowledger"),
                rs.getString("reauth_id"), rs.getString("reauth_change_id"), Columns.instant(rs, "reauth_started_at"),
                rs.getString("reauth_outcome"), rs.getObject("reauth_attempts", Integer.class), rs.getLong("version"),
                Columns.instant(rs, "updated_at"), rs.getBoolean("identity_first_use"));

        static ContactRow fromDomain(ContactTrust c) {
            Optional<PendingChange> p = c.pendingChange();
            Optional<Reauthentication> r = c.reauthentication();
            ContactNames n = c.names();
            return new ContactRow(c.key().business().value(), c.key().id().value(), n.waId().map(WaId::value).orElse(null),
                    n.userId().map(UserId::value).orElse(null), n.parentUserId().map(ParentUserId::value).orElse(null),
                    c.state().name(), text(c.identityHash()), c.identityAsOf().orElse(null), text(c.pinnedHash()),
                    text(c.verifiedHash()), p.map(x -> x.id().value()).orElse(null),
                    p.flatMap(PendingChange::hash).map(IdentityHash::value).orElse(null), p.map(PendingChange::detectedAt).orElse(null),
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
            ContactNames names = new ContactNames(Optional.ofNullable(waId).map(WaId::new),
                    Optional.ofNullable(userId).map(UserId::new), Optional.ofNullable(parentUserId).map(ParentUserId::new));
            return new ContactTrust(new ContactKey(new BusinessNumberId(phoneNumberId), new ContactId(contactId)), names,
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
        return transactions.withDao(Dao.class, dao -> dao.find(key.business().value(), key.id().value()))
                .map(ContactRow::toDomain);
    }

    @Override
    public Optional<ContactTrust> findForUpdate(ContactKey key) {
        return transactions.withDao(Dao.class, dao -> dao.findForUpdate(key.business().value(), key.id().value()))
                .map(ContactRow::toDomain);
    }

    @Override
    public Map<CustomerName, ContactKey> resolve(BusinessNumberId business, Collection<? extends CustomerName> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        List<NameRow> rows = transactions.withDao(Dao.class, dao -> dao.resolve(business.value(),
                names.stream().map(CustomerName::value).distinct().toList()));
        Map<String, String> owners = new LinkedHashMap<>();
        rows.forEach(row -> owners.put(row.name(), row.contactId()));
        Map<CustomerName, ContactKey> found = new LinkedHashMap<>();
        for (CustomerName name : names) {
            String owner = owners.get(name.value());
            if (owner != null) {
                found.put(name, new ContactKey(business, new ContactId(owner)));
            }
        }
        return found;
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
    public void link(ContactKey contact, CustomerName name, Instant at) {
        String business = contact.business().value();
        transactions.withDao(Dao.class, dao -> {
            if (dao.link(business, name.value(), name.kind().name(), contact.id().value(), at) == 0
                    && !dao.owner(business, name.value()).filter(contact.id().value()::equals).isPresent()) {
                throw new ConcurrentUpdateException("name " + name.masked() + " of " + business + " belongs to another contact");
            }
            return null;
        });
    }

    @Override
    public void unlink(BusinessNumberId business, CustomerName name) {
        transactions.withDao(Dao.class, dao -> dao.unlink(business.value(), name.value()));
    }

    @Override
    public List<CustomerName> names(ContactKey contact) {
        return transactions.withDao(Dao.class, dao -> dao.names(contact.business().value(), contact.id().value()))
                .stream().map(NameRow::toDomain).toList();
    }

    @Override
    public void mergeInto(ContactTrust absorbed, ContactKey into) {
        String business = absorbed.key().business().value();
        String id = absorbed.key().id().value();
        int retired = transactions.withDao(Dao.class, dao -> {
            dao.unlinkAll(business, id);
            return dao.mergeInto(business, id, absorbed.version(), into.id().value());
        });
        if (retired != 1) {
            throw new ConcurrentUpdateException("contact " + absorbed.key() + " changed before it was merged");
        }
    }

    @Override
    public Optional<ContactKey> mergedInto(ContactKey key) {
        return transactions.withDao(Dao.class, dao -> dao.mergedInto(key.business().value(), key.id().value()))
                .map(id -> new ContactKey(key.business(), new ContactId(id)));
    }

    @Override
    public List<ContactKey> absorbedBy(ContactKey survivor) {
        return transactions.withDao(Dao.class, dao -> dao.absorbedBy(survivor.business().value(), survivor.id().value()))
                .stream().map(id -> new ContactKey(survivor.business(), new ContactId(id))).toList();
    }

    @Override
    public void recordDeparture(ContactKey detached, ContactKey movedTo, Instant at) {
        transactions.withDao(Dao.class, dao -> dao.recordDeparture(detached.business().value(), detached.id().value(),
                movedTo.id().value(), at));
    }

    @Override
    public Optional<Departure> departure(ContactKey detached) {
        return transactions.withDao(Dao.class, dao -> dao.departure(detached.business().value(), detached.id().value()))
                .map(row -> new Departure(new ContactKey(detached.business(), new ContactId(row.leftBy())), row.leftAt()));
    }

    @Override
    public Page<ContactTrust> list(BusinessNumberId business, Optional<TrustState> state, Optional<String> after, int limit) {
        List<ContactRow> rows = transactions.withDao(Dao.class, dao -> dao.list(business.value(),
                state.map(Enum::name).orElse(null), after.orElse(""), limit + 1));
        List<ContactTrust> contacts = rows.stream().limit(limit).map(ContactRow::toDomain).toList();
        Optional<String> next = rows.size() > limit ? Optional.of(contacts.get(limit - 1).key().id().value()) : Optional.empty();
        return new Page<>(contacts, next);
    }
}
