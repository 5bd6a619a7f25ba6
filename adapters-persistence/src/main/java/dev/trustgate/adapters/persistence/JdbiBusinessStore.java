package dev.trustgate.adapters.persistence;

import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.domain.AcknowledgementPolicy;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.SimSwapPolicy;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Business numbers in the {@code business_numbers} table. A transaction reads a number's row once: every
 * webhook of a group-commit batch needs its business number, so the row read (or locked) is kept for the rest
 * of that transaction and dropped at its end; saving it drops it at once.
 */
public final class JdbiBusinessStore implements BusinessStore {

    interface Dao {
        @SqlQuery("SELECT phone_number_id, opted_in, since, policy, sim_swap_policy, sim_swap_check_hours FROM business_numbers WHERE phone_number_id = :id")
        Optional<BusinessRow> find(@Bind("id") String id);

        @SqlQuery("SELECT phone_number_id, opted_in, since, policy, sim_swap_policy, sim_swap_check_hours FROM business_numbers WHERE phone_number_id = :id FOR UPDATE")
        Optional<BusinessRow> findForUpdate(@Bind("id") String id);

        @SqlUpdate("UPDATE business_numbers SET opted_in = :optedIn, since = :since, policy = :policy, sim_swap_policy = :simSwapPolicy, "
                + "sim_swap_check_hours = :simSwapCheckHours "
                + "WHERE phone_number_id = :phoneNumberId")
        int update(@BindMethods BusinessRow row);

        @SqlUpdate("INSERT INTO business_numbers (phone_number_id, opted_in, since, policy, sim_swap_policy, sim_swap_check_hours) "
                + "VALUES (:phoneNumberId, :optedIn, :since, :policy, :simSwapPolicy, :simSwapCheckHours) ON CONFLICT DO NOTHING")
        int insert(@BindMethods BusinessRow row);
    }

    /** One row of {@code business_numbers}. */
    public record BusinessRow(String phoneNumberId, boolean optedIn, Instant since, String policy, String simSwapPolicy,
                              int simSwapCheckHours) {
        static final RowMapper<BusinessRow> MAPPER = (rs, ctx) -> new BusinessRow(rs.getString("phone_number_id"), rs.getBoolean("opted_in"),
                Columns.instant(rs, "since"), rs.getString("policy"), rs.getString("sim_swap_policy"),
                rs.getInt("sim_swap_check_hours"));

        static BusinessRow fromDomain(BusinessNumber b) {
            return new BusinessRow(b.id().value(), b.optedIn(), b.since().orElse(null), b.policy().name(), b.simSwapPolicy().name(),
                    b.simSwapCheckHours());
        }

        BusinessNumber toDomain() {
            return new BusinessNumber(new BusinessNumberId(phoneNumberId), optedIn, Optional.ofNullable(since),
                    AcknowledgementPolicy.valueOf(policy), SimSwapPolicy.valueOf(simSwapPolicy), simSwapCheckHours);
        }
    }

    private final JdbiTransactions transactions;

    public JdbiBusinessStore(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    /** A row as this transaction read it; {@code locked} when the transaction holds its lock. */
    private record Seen(Optional<BusinessRow> row, boolean locked) {
    }

    private Map<String, Seen> seen() {
        return transactions.transactionCache(JdbiBusinessStore.class);
    }

    @Override
    public Optional<BusinessNumber> find(BusinessNumberId id) {
        Map<String, Seen> seen = seen();
        Seen row = seen.get(id.value());
        if (row == null) {
            row = new Seen(transactions.withDao(Dao.class, dao -> dao.find(id.value())), false);
            seen.put(id.value(), row);
        }
        return row.row().map(BusinessRow::toDomain);
    }

    @Override
    public Optional<BusinessNumber> findForUpdate(BusinessNumberId id) {
        Map<String, Seen> seen = seen();
        Seen row = seen.get(id.value());
        if (row == null || !row.locked()) {
            // a row missing when read is not locked: another transaction may insert it meanwhile, so ask again
            Optional<BusinessRow> found = transactions.withDao(Dao.class, dao -> dao.findForUpdate(id.value()));
            row = new Seen(found, found.isPresent());
            seen.put(id.value(), row);
        }
        return row.row().map(BusinessRow::toDomain);
    }

    @Override
    public void save(BusinessNumber business) {
        BusinessRow row = BusinessRow.fromDomain(business);
        int written = transactions.withDao(Dao.class, dao -> {
            return dao.update(row) == 1 ? 1 : dao.insert(row);
        });
        // read again as the database keeps it (its timestamps' precision), should the transaction ask
        seen().remove(row.phoneNumberId());
        if (written != 1) {
            throw new ConcurrentUpdateException("business number " + business.id() + " was created concurrently");
        }
    }
}
