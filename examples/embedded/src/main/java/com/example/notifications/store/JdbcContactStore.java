package com.example.notifications.store;

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
import dev.trustgate.domain.ParentUserId;
import dev.trustgate.domain.PendingChange;
import dev.trustgate.domain.Reauthentication;
import dev.trustgate.domain.ReauthenticationId;
import dev.trustgate.domain.ReauthenticationOutcome;
import dev.trustgate.domain.TrustState;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contacts' trust records, one row each, and the names they are known by. {@link #findForUpdate} locks
 * the row ({@code SELECT … FOR UPDATE}) until the transaction ends: the send gate decides on a locked row,
 * so an identity change committing meanwhile waits for the decision instead of slipping past it. Every write
 * is checked against the version the contact was read at.
 */
public final class JdbcContactStore implements ContactStore {

    private static final String COLUMNS = "phone_number_id, contact_id, wa_id, user_id, parent_user_id, state, identity_hash, "
            + "identity_as_of, pinned_hash, verified_hash, change_id, change_hash, change_detected_at, change_first_acknowledger, "
            + "reauth_id, reauth_change_id, reauth_started_at, reauth_outcome, reauth_attempts, version, updated_at, "
            + "identity_on_first_use";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM tg_contacts WHERE phone_number_id = ? AND contact_id = ?";

    private final Sql sql;

    public JdbcContactStore(JdbcTransactions transactions) {
        this.sql = new Sql(transactions);
    }

    @Override
    public Optional<ContactTrust> find(ContactKey key) {
        return sql.one(SELECT, JdbcContactStore::contact, key.business().value(), key.id().value());
    }

    @Override
    public Optional<ContactTrust> findForUpdate(ContactKey key) {
        return sql.one(SELECT + " FOR UPDATE", JdbcContactStore::contact, key.business().value(), key.id().value());
    }

    @Override
    public Map<CustomerName, ContactKey> resolve(BusinessNumberId business, Collection<? extends CustomerName> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        List<Object> parameters = new ArrayList<>();
        parameters.add(business.value());
        names.forEach(n -> parameters.add(n.value()));
        Map<String, ContactId> owners = new HashMap<>();
        sql.list("SELECT name, contact_id FROM tg_contact_names WHERE phone_number_id = ? AND name IN ("
                        + Sql.placeholders(names.size()) + ")",
                rs -> Map.entry(rs.getString("name"), new ContactId(rs.getString("contact_id"))), parameters.toArray())
                .forEach(owner -> owners.put(owner.getKey(), owner.getValue()));
        Map<CustomerName, ContactKey> found = new LinkedHashMap<>();
        for (CustomerName name : names) {
            ContactId owner = owners.get(name.value());
            if (owner != null) {
                found.put(name, new ContactKey(business, owner));
            }
        }
        return found;
    }

    @Override
    public void save(ContactTrust contact) {
        if (contact.version() == 1) {
            sql.update("INSERT INTO tg_contacts (" + COLUMNS + ") VALUES (" + Sql.placeholders(22) + ")", row(contact).toArray());
            return;
        }
        List<Object> values = row(contact);
        List<Object> parameters = new ArrayList<>(values.subList(2, values.size()));
        parameters.addAll(List.of(contact.key().business().value(), contact.key().id().value(), contact.version() - 1));
        int updated = sql.update("UPDATE tg_contacts SET wa_id = ?, user_id = ?, parent_user_id = ?, state = ?, identity_hash = ?, "
                + "identity_as_of = ?, pinned_hash = ?, verified_hash = ?, change_id = ?, change_hash = ?, change_detected_at = ?, "
                + "change_first_acknowledger = ?, reauth_id = ?, reauth_change_id = ?, reauth_started_at = ?, reauth_outcome = ?, "
                + "reauth_attempts = ?, version = ?, updated_at = ?, identity_on_first_use = ? "
                + "WHERE phone_number_id = ? AND contact_id = ? AND version = ?", parameters.toArray());
        if (updated == 0) {
            throw new ConcurrentUpdateException("contact " + contact.key() + " changed since it was read");
        }
    }

    @Override
    public void link(ContactKey contact, CustomerName name, Instant at) {
        Optional<String> owner = sql.one("SELECT contact_id FROM tg_contact_names WHERE phone_number_id = ? AND name = ?",
                rs -> rs.getString("contact_id"), contact.business().value(), name.value());
        if (owner.isPresent()) {
            if (!owner.get().equals(contact.id().value())) {
                throw new ConcurrentUpdateException("name " + name.masked() + " belongs to another contact");
            }
            return;
        }
        sql.update("INSERT INTO tg_contact_names (phone_number_id, name, contact_id, linked_at) VALUES (?, ?, ?, ?)",
                contact.business().value(), name.value(), contact.id().value(), at);
    }

    @Override
    public void unlink(BusinessNumberId business, CustomerName name) {
        sql.update("DELETE FROM tg_contact_names WHERE phone_number_id = ? AND name = ?", business.value(), name.value());
    }

    @Override
    public List<CustomerName> names(ContactKey contact) {
        return sql.list("SELECT name FROM tg_contact_names WHERE phone_number_id = ? AND contact_id = ? ORDER BY name",
                rs -> CustomerName.parse(rs.getString("name")), contact.business().value(), contact.id().value());
    }

    @Override
    public void mergeInto(ContactTrust absorbed, ContactKey into) {
        String business = absorbed.key().business().value();
        String id = absorbed.key().id().value();
        if (sql.update("DELETE FROM tg_contacts WHERE phone_number_id = ? AND contact_id = ? AND version = ?", business, id,
                absorbed.version()) == 0) {
            throw new ConcurrentUpdateException("contact " + absorbed.key() + " changed before it was merged");
        }
        sql.update("DELETE FROM tg_contact_names WHERE phone_number_id = ? AND contact_id = ?", business, id);
        sql.update("INSERT INTO tg_contact_merges (phone_number_id, absorbed_id, into_id) VALUES (?, ?, ?)", business, id,
                into.id().value());
    }

    @Override
    public Optional<ContactKey> mergedInto(ContactKey key) {
        return sql.one("SELECT into_id FROM tg_contact_merges WHERE phone_number_id = ? AND absorbed_id = ?",
                rs -> new ContactKey(key.business(), new ContactId(rs.getString("into_id"))), key.business().value(), key.id().value());
    }

    @Override
    public List<ContactKey> absorbedBy(ContactKey survivor) {
        return sql.list("SELECT absorbed_id FROM tg_contact_merges WHERE phone_number_id = ? AND into_id = ? ORDER BY absorbed_id",
                rs -> new ContactKey(survivor.business(), new ContactId(rs.getString("absorbed_id"))),
                survivor.business().value(), survivor.id().value());
    }

    @Override
    public void recordDeparture(ContactKey detached, ContactKey movedTo, Instant at) {
        sql.update("DELETE FROM tg_contact_departures WHERE phone_number_id = ? AND contact_id = ?", detached.business().value(),
                detached.id().value());
        sql.update("INSERT INTO tg_contact_departures (phone_number_id, contact_id, moved_to_id, departed_at) VALUES (?, ?, ?, ?)",
                detached.business().value(), detached.id().value(), movedTo.id().value(), at);
    }

    @Override
    public Optional<Departure> departure(ContactKey detached) {
        return sql.one("SELECT moved_to_id, departed_at FROM tg_contact_departures WHERE phone_number_id = ? AND contact_id = ?",
                rs -> new Departure(new ContactKey(detached.business(), new ContactId(rs.getString("moved_to_id"))),
                        Sql.instant(rs, "departed_at").orElseThrow()),
                detached.business().value(), detached.id().value());
    }

    @Override
    public Page<ContactTrust> list(BusinessNumberId business, Optional<TrustState> state, Optional<String> after, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(business.value(), after.orElse("")));
        String where = "WHERE phone_number_id = ? AND contact_id > ?";
        if (state.isPresent()) {
            where += " AND state = ?";
            parameters.add(state.get().name());
        }
        parameters.add(limit + 1);
        List<ContactTrust> rows = sql.list("SELECT " + COLUMNS + " FROM tg_contacts " + where + " ORDER BY contact_id LIMIT ?",
                JdbcContactStore::contact, parameters.toArray());
        if (rows.size() > limit) {
            List<ContactTrust> page = rows.subList(0, limit);
            return new Page<>(page, Optional.of(page.get(limit - 1).key().id().value()));
        }
        return new Page<>(rows, Optional.empty());
    }

    /** The row's values in {@link #COLUMNS} order. */
    private static List<Object> row(ContactTrust c) {
        Optional<PendingChange> change = c.pendingChange();
        Optional<Reauthentication> reauth = c.reauthentication();
        List<Object> values = new ArrayList<>(22);
        values.add(c.key().business().value());
        values.add(c.key().id().value());
        values.add(c.names().waId().map(WaId::value));
        values.add(c.names().userId().map(UserId::value));
        values.add(c.names().parentUserId().map(ParentUserId::value));
        values.add(c.state().name());
        values.add(c.identityHash().map(IdentityHash::value));
        values.add(c.identityAsOf());
        values.add(c.pinnedHash().map(IdentityHash::value));
        values.add(c.verifiedHash().map(IdentityHash::value));
        values.add(change.map(p -> p.id().value()));
        values.add(change.flatMap(PendingChange::hash).map(IdentityHash::value));
        values.add(change.map(PendingChange::detectedAt));
        values.add(change.flatMap(PendingChange::firstAcknowledger).map(Actor::id));
        values.add(reauth.map(r -> r.id().value()));
        values.add(reauth.map(r -> r.changeId().value()));
        values.add(reauth.map(Reauthentication::startedAt));
        values.add(reauth.map(r -> r.outcome().name()));
        values.add(reauth.map(Reauthentication::attempts));
        values.add(c.version());
        values.add(c.updatedAt());
        values.add(c.identityOnFirstUse());
        return values;
    }

    private static ContactTrust contact(ResultSet rs) throws SQLException {
        ContactNames names = new ContactNames(Sql.text(rs, "wa_id").map(WaId::new), Sql.text(rs, "user_id").map(UserId::new),
                Sql.text(rs, "parent_user_id").map(ParentUserId::new));
        Optional<PendingChange> change = Sql.text(rs, "change_id").isEmpty() ? Optional.empty()
                : Optional.of(new PendingChange(new ChangeId(rs.getString("change_id")), hash(rs, "change_hash"),
                        Sql.instant(rs, "change_detected_at").orElseThrow(), Sql.text(rs, "change_first_acknowledger").map(Actor::new)));
        Optional<Reauthentication> reauth = Sql.text(rs, "reauth_id").isEmpty() ? Optional.empty()
                : Optional.of(new Reauthentication(new ReauthenticationId(rs.getString("reauth_id")),
                        new ChangeId(rs.getString("reauth_change_id")), Sql.instant(rs, "reauth_started_at").orElseThrow(),
                        ReauthenticationOutcome.valueOf(rs.getString("reauth_outcome")), rs.getInt("reauth_attempts")));
        return new ContactTrust(ContactKey.of(rs.getString("phone_number_id"), rs.getString("contact_id")), names,
                TrustState.valueOf(rs.getString("state")), hash(rs, "identity_hash"), Sql.instant(rs, "identity_as_of"),
                hash(rs, "pinned_hash"), hash(rs, "verified_hash"), change, reauth, rs.getLong("version"),
                Sql.instant(rs, "updated_at"), rs.getBoolean("identity_on_first_use"));
    }

    private static Optional<IdentityHash> hash(ResultSet rs, String column) throws SQLException {
        return Sql.text(rs, column).map(IdentityHash::new);
    }
}
