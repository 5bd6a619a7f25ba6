package dev.trustgate.adapters.persistence;

import dev.trustgate.application.port.out.SimSwapNotice;
import dev.trustgate.application.port.out.SimSwapStore;
import dev.trustgate.application.port.out.SimSwapSubscription;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SIM-swap subscriptions in {@code sim_swap_subscriptions}, the notices received in {@code sim_swap_notices} (a
 * duplicate insert does nothing and raises nothing) and the latest swap applied per contact in {@code sim_swap_contacts}.
 */
public final class JdbiSimSwapStore implements SimSwapStore {

    interface Dao {
        String COLUMNS = "subscription_id, phone_number_id, phone_number, status, status_at, status_reason, expires_at";

        @SqlQuery("SELECT " + COLUMNS + " FROM sim_swap_subscriptions WHERE subscription_id = :id")
        Optional<SubscriptionRow> find(@Bind("id") String id);

        @SqlQuery("SELECT " + COLUMNS + " FROM sim_swap_subscriptions WHERE phone_number_id = :business ORDER BY subscription_id")
        List<SubscriptionRow> of(@Bind("business") String business);

        @SqlUpdate("UPDATE sim_swap_subscriptions SET phone_number_id = :phoneNumberId, phone_number = :phoneNumber, status = :status, "
                + "status_at = :statusAt, status_reason = :statusReason, expires_at = :expiresAt WHERE subscription_id = :subscriptionId")
        int update(@BindMethods SubscriptionRow row);

        @SqlUpdate("INSERT INTO sim_swap_subscriptions (" + COLUMNS + ") VALUES (:subscriptionId, :phoneNumberId, :phoneNumber, :status, "
                + ":statusAt, :statusReason, :expiresAt) ON CONFLICT DO NOTHING")
        int insert(@BindMethods SubscriptionRow row);

        @SqlUpdate("INSERT INTO sim_swap_notices (source, event_id, phone_number_id, subscription_id, type, event_time, received_at) "
                + "VALUES (:source, :id, :business, :subscriptionId, :type, :time, :receivedAt) ON CONFLICT DO NOTHING")
        int record(@Bind("source") String source, @Bind("id") String id, @Bind("business") String business,
                   @Bind("subscriptionId") String subscriptionId, @Bind("type") String type, @Bind("time") Instant time,
                   @Bind("receivedAt") Instant receivedAt);

        @SqlUpdate("UPDATE sim_swap_contacts SET last_swapped_at = :at "
                + "WHERE phone_number_id = :business AND contact_id = :contact AND last_swapped_at < :at")
        int later(@Bind("business") String business, @Bind("contact") String contact, @Bind("at") Instant at);

        @SqlUpdate("INSERT INTO sim_swap_contacts (phone_number_id, contact_id, last_swapped_at) VALUES (:business, :contact, :at) "
                + "ON CONFLICT DO NOTHING")
        int first(@Bind("business") String business, @Bind("contact") String contact, @Bind("at") Instant at);

        @SqlQuery("SELECT last_swapped_at FROM sim_swap_contacts WHERE phone_number_id = :business AND contact_id = :contact")
        Optional<Instant> last(@Bind("business") String business, @Bind("contact") String contact);
    }

    /** One row of {@code sim_swap_subscriptions}. */
    public record SubscriptionRow(String subscriptionId, String phoneNumberId, String phoneNumber, String status, Instant statusAt,
                                  String statusReason, Instant expiresAt) {
        static final RowMapper<SubscriptionRow> MAPPER = (rs, ctx) -> new SubscriptionRow(rs.getString("subscription_id"),
                rs.getString("phone_number_id"), rs.getString("phone_number"), rs.getString("status"), Columns.instant(rs, "status_at"),
                rs.getString("status_reason"), Columns.instant(rs, "expires_at"));

        static SubscriptionRow fromDomain(SimSwapSubscription s) {
            return new SubscriptionRow(s.id(), s.business().value(), s.phoneNumber().value(), s.status().name(), s.statusAt(),
                    s.statusReason().orElse(null), s.expiresAt().orElse(null));
        }

        SimSwapSubscription toDomain() {
            return new SimSwapSubscription(subscriptionId, new BusinessNumberId(phoneNumberId), new WaId(phoneNumber),
                    SimSwapSubscription.Status.valueOf(status), statusAt, Optional.ofNullable(statusReason), Optional.ofNullable(expiresAt));
        }
    }

    private final JdbiTransactions transactions;

    public JdbiSimSwapStore(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<SimSwapSubscription> subscription(String id) {
        return transactions.withDao(Dao.class, dao -> dao.find(id)).map(SubscriptionRow::toDomain);
    }

    @Override
    public List<SimSwapSubscription> subscriptions(BusinessNumberId business) {
        return transactions.withDao(Dao.class, dao -> dao.of(business.value())).stream().map(SubscriptionRow::toDomain).toList();
    }

    @Override
    public void save(SimSwapSubscription subscription) {
        SubscriptionRow row = SubscriptionRow.fromDomain(subscription);
        transactions.withDao(Dao.class, dao -> dao.update(row) == 1 ? 1 : dao.insert(row));
    }

    @Override
    public boolean record(SimSwapNotice notice) {
        return transactions.withDao(Dao.class, dao -> dao.record(notice.source(), notice.id(), notice.business().value(),
                notice.subscriptionId(), notice.type(), notice.time(), notice.receivedAt())) == 1;
    }

    @Override
    public void applied(ContactKey contact, Instant asOf) {
        String business = contact.business().value();
        String id = contact.id().value();
        transactions.withDao(Dao.class, dao -> dao.later(business, id, asOf) == 1 ? 1 : dao.first(business, id, asOf));
    }

    @Override
    public Optional<Instant> lastApplied(ContactKey contact) {
        return transactions.withDao(Dao.class, dao -> dao.last(contact.business().value(), contact.id().value()));
    }
}
