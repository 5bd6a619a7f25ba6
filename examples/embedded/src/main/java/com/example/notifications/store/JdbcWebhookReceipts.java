package com.example.notifications.store;

import dev.trustgate.application.port.out.WebhookReceipts;
import java.time.Instant;

/** The keys of the identity signals already applied, so a webhook WhatsApp delivers twice counts once. */
public final class JdbcWebhookReceipts implements WebhookReceipts {

    private final Sql sql;

    public JdbcWebhookReceipts(JdbcTransactions transactions) {
        this.sql = new Sql(transactions);
    }

    @Override
    public boolean record(String key, Instant at) {
        if (contains(key)) {
            return false;
        }
        // a concurrent writer of the same key makes this insert lose a race: the use case retries and sees it
        sql.update("INSERT INTO tg_webhook_receipts (receipt_key, received_at) VALUES (?, ?)", key, at);
        return true;
    }

    /** Whether {@code key} was recorded. */
    public boolean contains(String key) {
        return sql.one("SELECT 1 FROM tg_webhook_receipts WHERE receipt_key = ?", rs -> true, key).isPresent();
    }
}
