package dev.trustgate.adapters.persistence;

import dev.trustgate.application.port.out.ApiKeyStore;
import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.application.port.out.EventLog;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.SimSwapStore;
import dev.trustgate.application.port.out.SubscriptionStore;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.application.port.out.WebhookReceipts;

/** One implementation of every storage port, as the contract tests see it. */
public interface StorageUnderTest {

    String name();

    Transactions transactions();

    ContactStore contacts();

    BusinessStore businesses();

    EventLog events();

    WebhookReceipts receipts();

    MessageLog messages();

    Outbox outbox();

    SubscriptionStore subscriptions();

    ApiKeyStore apiKeys();

    SimSwapStore simSwaps();

    /** Empties every table. */
    void reset();

    /** True when {@link #execute} reaches a real database. */
    boolean isDatabase();

    /** Runs raw SQL behind the stores' back (tampering, outages). */
    void execute(String sql);

    /** Runs {@code work} in one transaction. */
    default <T> T tx(java.util.function.Supplier<T> work) {
        return transactions().inTransaction(work);
    }
}
