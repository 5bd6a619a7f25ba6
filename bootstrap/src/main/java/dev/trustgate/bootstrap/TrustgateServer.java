package dev.trustgate.bootstrap;

import dev.trustgate.adapters.http.HttpMetrics;
import dev.trustgate.adapters.http.HttpWebhookRelay;
import dev.trustgate.adapters.http.HttpSettings;
import dev.trustgate.adapters.http.StandardWebhooksSender;
import dev.trustgate.adapters.http.TrustgateHttpServer;
import dev.trustgate.adapters.http.UseCases;
import dev.trustgate.adapters.persistence.JdbiStorage;
import dev.trustgate.adapters.whatsapp.CircuitBreakingGateway;
import dev.trustgate.adapters.whatsapp.CloudApiClient;
import dev.trustgate.adapters.whatsapp.CloudApiSettings;
import dev.trustgate.adapters.whatsapp.DryRunWhatsAppGateway;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.WebhookRelay;
import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.application.service.ManageApiKeysService.AdminKeyStatus;
import dev.trustgate.application.service.TrustgateServices;
import io.javalin.Javalin;
import java.time.Duration;

/** The whole server wired with {@code new}: storage, WhatsApp, use cases and HTTP. Nothing else lives here. */
public final class TrustgateServer implements AutoCloseable {

    private final JdbiStorage storage;
    private final TrustgateServices services;
    private final Javalin http;
    private final AdminKeyStatus adminKey;
    private final NotificationDispatcher dispatcher;

    private TrustgateServer(JdbiStorage storage, TrustgateServices services, Javalin http, AdminKeyStatus adminKey) {
        this.dispatcher = new NotificationDispatcher(services.deliverNotifications);
        this.storage = storage;
        this.services = services;
        this.http = http;
        this.adminKey = adminKey;
    }

    /**
     * Opens storage (migrating it), builds every use case and starts HTTP.
     *
     * @throws dev.trustgate.adapters.persistence.StorageStartException when the database cannot be used
     */
    public static TrustgateServer start(Config config) {
        Warmup.start();
        JdbiStorage storage = JdbiStorage.open(config.database());
        try {
            Clock clock = new SystemClock();
            WhatsAppGateway whatsApp = config.whatsAppMode() == Config.WhatsAppMode.LIVE
                    ? new CircuitBreakingGateway(new CloudApiClient(CloudApiSettings.of(config.graphUrl(), config.graphVersion(),
                            config.accessToken().orElseThrow()).withRequestTimeout(config.whatsAppTimeout()),
                            new com.fasterxml.jackson.databind.ObjectMapper()), CircuitBreakingGateway.Settings.DEFAULT)
                    : new DryRunWhatsAppGateway();
            TrustgateServices services = new TrustgateServices(new TrustgateServices.Ports(storage.transactions, storage.contacts,
                    storage.businesses, storage.events, storage.receipts, storage.messages, storage.outbox, storage.subscriptions,
                    storage.apiKeys, whatsApp, new StandardWebhooksSender(Duration.ofSeconds(5)),
                    config.relayUrl().<WebhookRelay>map(url -> new HttpWebhookRelay(url,
                            config.relaySecret().orElse(config.appSecret()), Duration.ofSeconds(5))).orElse(WebhookRelay.NONE),
                    clock, new RandomIds()),
                    SubscriptionUrlPolicy.of(config.subscriptionUrls()));
            TrustgateServices s = services;
            UseCases useCases = new UseCases(s.apiKeys, s.recordSignals, s.optIn, s.setPolicy, s.getContact, s.listContacts,
                    s.readEvents, s.verifyAudit, s.startReauthentication, s.cancelReauthentication, s.reauthenticationResult,
                    s.acknowledge, s.overrideUnknownIdentity, s.recordAuthentication, s.revokeTrust, s.send, s.listHeld,
                    s.release, s.discard, s.subscriptions, s.parkedDeliveries);
            Javalin http = TrustgateHttpServer.create(useCases,
                    new HttpSettings(config.appSecret(), config.verifyToken(), config.maxWebhookBytes(), config.metricsKey()),
                    storage::ping, clock::now, new HttpMetrics(() -> {
                        var backlog = storage.transactions.inTransaction(() -> storage.outbox.backlog(clock.now()));
                        return new HttpMetrics.Backlog(backlog.pending(), backlog.parked(), backlog.oldestPendingAge());
                    }));
            http.start(config.host(), config.port());
            AdminKeyStatus adminKey;
            try {
                // Only now, with the port taken: a start that cannot listen must not store a key nobody saw.
                adminKey = services.apiKeys.ensureAdminKey(config.adminKey());
            } catch (RuntimeException e) {
                http.stop();
                throw e;
            }
            return new TrustgateServer(storage, services, http, adminKey);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    /** The admin key in force: configured, stored earlier, or generated on this start (then shown once). */
    public AdminKeyStatus adminKey() {
        return adminKey;
    }

    public TrustgateServices services() {
        return services;
    }

    @Override
    public void close() {
        try {
            http.stop();
        } finally {
            try {
                dispatcher.close();
            } finally {
                storage.close();
            }
        }
    }
}
