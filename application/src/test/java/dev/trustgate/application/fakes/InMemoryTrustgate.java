package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.IdGenerator;
import dev.trustgate.application.service.TrustgateServices;
import java.time.Instant;

/** Every use case over in-memory ports, for tests of services and of adapters that need a core. */
public final class InMemoryTrustgate {

    public final InMemoryTransactions transactions = new InMemoryTransactions();
    public final InMemoryContactStore contacts = new InMemoryContactStore();
    public final InMemoryBusinessStore businesses = new InMemoryBusinessStore();
    public final InMemoryEventLog events = new InMemoryEventLog();
    public final InMemoryWebhookReceipts receipts = new InMemoryWebhookReceipts();
    public final InMemoryMessageLog messages = new InMemoryMessageLog();
    public final InMemoryOutbox outbox = new InMemoryOutbox();
    public final InMemorySubscriptionStore subscriptions = new InMemorySubscriptionStore();
    public final InMemoryApiKeyStore apiKeys = new InMemoryApiKeyStore();
    public final InMemorySimSwapStore simSwaps = new InMemorySimSwapStore();
    public final FakeWhatsAppGateway whatsApp = new FakeWhatsAppGateway();
    public final RecordingNotificationSender notifications = new RecordingNotificationSender();
    public final RecordingWebhookRelay relay = new RecordingWebhookRelay();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    public final IdGenerator ids = new SequentialIds();
    public final TrustgateServices services;

    public InMemoryTrustgate() {
        transactions.register(contacts, businesses, events, receipts, messages, outbox, subscriptions, apiKeys, simSwaps);
        services = new TrustgateServices(ports(), url -> true);
    }

    public TrustgateServices.Ports ports() {
        return new TrustgateServices.Ports(transactions, contacts, businesses, events, receipts, messages, outbox,
                subscriptions, apiKeys, whatsApp, notifications, relay, clock, ids);
    }
}
