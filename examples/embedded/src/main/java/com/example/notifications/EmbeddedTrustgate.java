package com.example.notifications;

import com.example.notifications.store.JdbcBusinessStore;
import com.example.notifications.store.JdbcContactStore;
import com.example.notifications.store.JdbcEventLog;
import com.example.notifications.store.JdbcMessageLog;
import com.example.notifications.store.JdbcTransactions;
import com.example.notifications.store.JdbcWebhookReceipts;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.IdGenerator;
import dev.trustgate.application.port.out.WebhookRelay;
import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.application.service.TrustgateServices;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Where the notification service builds trustgate into itself: trustgate's use cases over the service's own
 * database (plain JDBC, trustgate's tables beside the product's) and its own WhatsApp channel. Nothing of
 * trustgate's server comes along: no HTTP server, no connection pool, no JSON library.
 */
public final class EmbeddedTrustgate {

    private EmbeddedTrustgate() {
    }

    /**
     * Every use case, in the standard composition of transactions ({@code TrustgateServices} wraps the storage's
     * transactions in trustgate's joining rule, retries for lost races and group commit for identity signals).
     *
     * @param database the service's database, with trustgate's tables created ({@code Schema.create})
     * @param whatsApp the service's channel to the Cloud API
     */
    public static TrustgateServices over(DataSource database, WhatsAppGateway whatsApp, Clock clock) {
        JdbcTransactions transactions = new JdbcTransactions(database);
        NotUsedHere.Deliveries deliveries = new NotUsedHere.Deliveries();
        IdGenerator ids = prefix -> prefix + "_" + UUID.randomUUID().toString().replace("-", "");
        TrustgateServices.Ports ports = new TrustgateServices.Ports(transactions, new JdbcContactStore(transactions),
                new JdbcBusinessStore(transactions), new JdbcEventLog(transactions), new JdbcWebhookReceipts(transactions),
                new JdbcMessageLog(transactions), deliveries, new NotUsedHere.Subscriptions(), new NotUsedHere.ApiKeys(), whatsApp,
                deliveries, WebhookRelay.NONE, clock, ids);
        return new TrustgateServices(ports, url -> false);
    }
}
