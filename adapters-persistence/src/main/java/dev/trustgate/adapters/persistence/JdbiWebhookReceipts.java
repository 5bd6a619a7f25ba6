package dev.trustgate.adapters.persistence;

import dev.trustgate.application.port.out.WebhookReceipts;
import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Idempotency keys in {@code webhook_receipts}; a duplicate insert does nothing and raises nothing. */
public final class JdbiWebhookReceipts implements WebhookReceipts {

    interface Dao {
        @SqlUpdate("INSERT INTO webhook_receipts (receipt_key, received_at) VALUES (:key, :at) ON CONFLICT DO NOTHING")
        int insert(@Bind("key") String key, @Bind("at") Instant at);
    }

    private final JdbiTransactions transactions;

    public JdbiWebhookReceipts(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public boolean record(String key, Instant at) {
        return transactions.withDao(Dao.class, dao -> dao.insert(key, at)) == 1;
    }
}
