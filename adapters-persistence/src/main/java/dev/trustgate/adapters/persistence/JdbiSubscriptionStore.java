package dev.trustgate.adapters.persistence;

import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.Subscription;
import dev.trustgate.application.port.out.SubscriptionStore;
import dev.trustgate.domain.BusinessNumberId;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Webhook endpoints in {@code subscriptions}. */
public final class JdbiSubscriptionStore implements SubscriptionStore {

    interface Dao {
        String COLUMNS = "id, owner_key_id, url, event_types, phone_number_ids, secret, enabled, created_at";

        @SqlUpdate("UPDATE subscriptions SET url = :url, event_types = :eventTypes, phone_number_ids = :phoneNumberIds, "
                + "secret = :secret, enabled = :enabled WHERE id = :id")
        int update(@BindMethods SubscriptionRow row);

        @SqlUpdate("INSERT INTO subscriptions (" + COLUMNS + ") VALUES (:id, :ownerKeyId, :url, :eventTypes, :phoneNumberIds, "
                + ":secret, :enabled, :createdAt) ON CONFLICT DO NOTHING")
        int insert(@BindMethods SubscriptionRow row);

        @SqlQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE id = :id")
        Optional<SubscriptionRow> find(@Bind("id") String id);

        @SqlQuery("SELECT " + COLUMNS + " FROM subscriptions ORDER BY created_at, id")
        List<SubscriptionRow> all();

        /**
         * The enabled subscriptions for every business number, or naming this one in their comma-separated list: the
         * database filters, so a publish does not read every tenant's subscriptions.
         */
        @SqlQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE enabled AND (phone_number_ids = '' "
                + "OR ',' || phone_number_ids || ',' LIKE :listed) ORDER BY created_at, id")
        List<SubscriptionRow> enabledFor(@Bind("listed") String listed);

        @SqlUpdate("DELETE FROM subscriptions WHERE id = :id")
        int delete(@Bind("id") String id);
    }

    /** One row of {@code subscriptions}. */
    public record SubscriptionRow(String id, String ownerKeyId, String url, String eventTypes, String phoneNumberIds,
                                  String secret, boolean enabled, Instant createdAt) {
        static final RowMapper<SubscriptionRow> MAPPER = (rs, ctx) -> new SubscriptionRow(rs.getString("id"), rs.getString("owner_key_id"), rs.getString("url"),
                rs.getString("event_types"), rs.getString("phone_number_ids"), rs.getString("secret"), rs.getBoolean("enabled"),
                Columns.instant(rs, "created_at"));

        static SubscriptionRow fromDomain(Subscription s) {
            return new SubscriptionRow(s.id(), s.ownerKeyId(), s.url(), Columns.list(s.eventTypes()),
                    Columns.list(s.businesses()), Base64.getEncoder().encodeToString(s.secret()), s.enabled(), s.createdAt());
        }

        Subscription toDomain() {
            return new Subscription(id, ownerKeyId, url, Columns.strings(eventTypes), Columns.businesses(phoneNumberIds),
                    Base64.getDecoder().decode(secret), enabled, createdAt);
        }
    }

    private final JdbiTransactions transactions;

    public JdbiSubscriptionStore(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void save(Subscription subscription) {
        SubscriptionRow row = SubscriptionRow.fromDomain(subscription);
        int written = transactions.withDao(Dao.class, dao -> {
            return dao.update(row) == 1 ? 1 : dao.insert(row);
        });
        if (written != 1) {
            throw new ConcurrentUpdateException("subscription " + subscription.id() + " was written concurrently");
        }
    }

    @Override
    public Optional<Subscription> find(String id) {
        return transactions.withDao(Dao.class, dao -> dao.find(id)).map(SubscriptionRow::toDomain);
    }

    @Override
    public List<Subscription> list() {
        return transactions.withDao(Dao.class, dao -> dao.all()).stream().map(SubscriptionRow::toDomain).toList();
    }

    @Override
    public List<Subscription> enabledFor(BusinessNumberId business) {
        // a business number is digits only, so it needs no escaping inside the LIKE pattern
        return transactions.withDao(Dao.class, dao -> dao.enabledFor("%," + business.value() + ",%")).stream()
                .map(SubscriptionRow::toDomain).filter(s -> s.covers(business)).toList();
    }

    @Override
    public boolean delete(String id) {
        return transactions.withDao(Dao.class, dao -> dao.delete(id)) == 1;
    }
}
