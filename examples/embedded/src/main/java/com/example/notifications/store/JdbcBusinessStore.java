package com.example.notifications.store;

import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.domain.AcknowledgementPolicy;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;
import java.util.Optional;

/** The business numbers the service sends from, with their opt-in and acknowledgement policy. */
public final class JdbcBusinessStore implements BusinessStore {

    private static final String SELECT = "SELECT phone_number_id, opted_in, since, policy FROM tg_business_numbers "
            + "WHERE phone_number_id = ?";

    private final Sql sql;

    public JdbcBusinessStore(JdbcTransactions transactions) {
        this.sql = new Sql(transactions);
    }

    @Override
    public Optional<BusinessNumber> find(BusinessNumberId id) {
        return sql.one(SELECT, JdbcBusinessStore::business, id.value());
    }

    @Override
    public Optional<BusinessNumber> findForUpdate(BusinessNumberId id) {
        return sql.one(SELECT + " FOR UPDATE", JdbcBusinessStore::business, id.value());
    }

    @Override
    public void save(BusinessNumber business) {
        int updated = sql.update("UPDATE tg_business_numbers SET opted_in = ?, since = ?, policy = ? WHERE phone_number_id = ?",
                business.optedIn(), business.since(), business.policy().name(), business.id().value());
        if (updated == 0) {
            sql.update("INSERT INTO tg_business_numbers (phone_number_id, opted_in, since, policy) VALUES (?, ?, ?, ?)",
                    business.id().value(), business.optedIn(), business.since(), business.policy().name());
        }
    }

    private static BusinessNumber business(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new BusinessNumber(new BusinessNumberId(rs.getString("phone_number_id")), rs.getBoolean("opted_in"),
                Sql.instant(rs, "since"), AcknowledgementPolicy.valueOf(rs.getString("policy")));
    }
}
