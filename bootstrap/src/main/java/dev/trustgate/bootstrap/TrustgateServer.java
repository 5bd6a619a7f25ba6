package dev.trustgate.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.TrustgateHttpServer;
import dev.trustgate.adapters.http.support.HttpMetrics;
import dev.trustgate.adapters.http.support.HttpSettings;
import dev.trustgate.adapters.http.support.ProviderWebhooks;
import dev.trustgate.adapters.http.support.UseCases;
import dev.trustgate.adapters.notify.HttpWebhookRelay;
import dev.trustgate.adapters.notify.StandardWebhooksSender;
import dev.trustgate.adapters.camara.CamaraClient;
import dev.trustgate.adapters.camara.CamaraSettings;
import dev.trustgate.adapters.infobip.InfobipClient;
import dev.trustgate.adapters.infobip.InfobipSettings;
import dev.trustgate.adapters.persistence.JdbiStorage;
import dev.trustgate.adapters.whatsapp.CloudApiClient;
import dev.trustgate.adapters.whatsapp.CloudApiSettings;
import dev.trustgate.adapters.whatsapp.DryRunWhatsAppGateway;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.application.port.out.WebhookRelay;
import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.application.service.CircuitBreakingGateway;
import dev.trustgate.application.service.ManageApiKeysService.AdminKeyStatus;
import dev.trustgate.application.service.HeldMessageLimits;
import dev.trustgate.application.service.TrustgateServices;
import dev.trustgate.application.transaction.GroupCommit;
import dev.trustgate.application.transaction.Retry;
import dev.trustgate.application.transaction.UseCaseTransactions;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The whole server wired with {@code new}: storage, WhatsApp, use cases and HTTP. Nothing else lives here. */
public final class TrustgateServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("trustgate");

    private final JdbiStorage storage;
    private final TrustgateServices services;
    private final Javalin http;
    private final AdminKeyStatus adminKey;
    private final NotificationDispatcher dispatcher;
    private final ServerMetrics metrics;

    /**
     * The total time one delivery attempt (a notification or a relayed webhook) may take: connecting, the
     * answer's headers and its body. Far inside the outbox lease (2 min), so a lease never runs out under
     * an attempt that is still going.
     */
    static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(10);

    private TrustgateServer(JdbiStorage storage, TrustgateServices services, Javalin http, AdminKeyStatus adminKey,
                            Duration outboxRetention, ServerMetrics metrics) {
        this.dispatcher = new NotificationDispatcher(services.deliverNotifications, services.pruneDeliveries, outboxRetention);
        this.storage = storage;
        this.services = services;
        this.http = http;
        this.adminKey = adminKey;
        this.metrics = metrics;
    }

    /**
     * Opens storage (migrating it), builds every use case and starts HTTP.
     *
     * @throws dev.trustgate.adapters.persistence.StorageStartException when the database cannot be used
     */
    public static TrustgateServer start(Config config) {
        Warmup.start();
        ServerMetrics metrics = new ServerMetrics();
        JdbiStorage storage;
        try {
            storage = JdbiStorage.open(config.database(), java.util.Optional.of(metrics.connectionPool()));
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        try {
            Clock clock = new SystemClock();
            WhatsAppGateway whatsApp = gateway(config);
            metrics.whatsApp(whatsApp);
            metrics.storedCounts(storage.statistics::read);
            CommittedCounts counts = metrics.committed;
            Transactions counted = counts.transactions(storage.transactions);
            TrustgateServices services = new TrustgateServices(new TrustgateServices.Ports(counted,
                    storage.contacts, storage.businesses, counts.events(storage.events), storage.receipts, storage.messages,
                    counts.outbox(storage.outbox), storage.subscriptions,
                    storage.apiKeys, whatsApp, new StandardWebhooksSender(DELIVERY_DEADLINE),
                    config.relayUrl().isPresent() || !config.relayUrls().isEmpty()
                            ? new HttpWebhookRelay(config.relayUrl(), config.relayUrls(), config.relaySecret().orElse(config.appSecret()),
                                    DELIVERY_DEADLINE)
                            : WebhookRelay.NONE,
                    clock, new RandomIds()),
                    transactions(counted, config), SubscriptionUrlPolicy.of(config.subscriptionUrls()), HeldMessageLimits.DEFAULT);
            TrustgateServices s = services;
            dev.trustgate.application.port.out.SimSwapOperator operator = simSwapOperator(config);
            UseCases useCases = new UseCases(s.apiKeys, s.authenticate, s.recordSignals, s.optIn, s.setPolicy, s.getContact, s.listContacts,
                    s.readEvents, s.verifyAudit, s.startReauthentication, s.cancelReauthentication, s.reauthenticationResultCheckedBy(operator),
                    s.acknowledge, s.overrideUnknownIdentity, s.recordAuthentication, s.revokeTrust, s.send, s.markRead, s.listHeld,
                    s.release, s.discard, s.subscriptions, s.parkedDeliveries, s.setSimSwapPolicy, s.simSwapNotices(storage.simSwaps),
                    s.simSwapSubscriptions(storage.simSwaps, operator));
            // Ready only once start-up is complete: the admin key is stored after the port is taken.
            AtomicBoolean started = new AtomicBoolean();
            java.util.function.BooleanSupplier ready = () -> started.get() && storage.ping();
            Javalin http = TrustgateHttpServer.create(useCases,
                    new HttpSettings(config.appSecret(), config.verifyToken(), config.maxWebhookBytes(), config.metricsKey())
                            .withOnPremisesNumber(config.onPremisesNumber()).withWebhooks(webhooks(config))
                            .withSimSwapSinkCredentials(config.simSwapSinkCredentials()),
                    ready, clock::now, new HttpMetrics(metrics.registry, () -> {
                        var backlog = storage.transactions.inTransaction(() -> storage.outbox.backlog(clock.now()));
                        return new HttpMetrics.Backlog(backlog.pending(), backlog.parked(), backlog.oldestPendingAge());
                    }));
            listen(http, config);
            metrics.http(http, ready);
            AdminKeyStatus adminKey;
            try {
                // Only now, with the port taken: a start that cannot listen must not store a key nobody saw.
                adminKey = services.apiKeys.ensureAdminKey(config.adminKey());
            } catch (RuntimeException e) {
                http.stop();
                throw e;
            }
            started.set(true);
            return new TrustgateServer(storage, services, http, adminKey, config.outboxRetention(), metrics);
        } catch (RuntimeException e) {
            storage.close();
            metrics.close();
            throw e;
        }
    }

    /**
     * The transactions the use cases run in: every one retried when it lost a race, and webhook intake also
     * committed in groups, and on the embedded H2 file with one group writer, where this node is the only writer,
     * sends too (each one's decision, and its outcome; see UseCaseTransactions for why not elsewhere) (concurrent callers' work in one transaction, each answered after
     * its commit).
     */
    private static UseCaseTransactions transactions(Transactions storage, Config config) {
        return UseCaseTransactions.compose(storage, Retry::new,
                opened -> new Retry(new GroupCommit(opened, config.groupCommitWriters(), config.groupCommitBatch())),
                config.database().h2File().isPresent() && config.groupCommitWriters() == 1
                        ? UseCaseTransactions.Sends.GROUPED : UseCaseTransactions.Sends.ALONE);
    }

    /** The configured provider, behind the circuit breaker; dry-run pretends and needs none. */
    private static WhatsAppGateway gateway(Config config) {
        ObjectMapper json = new ObjectMapper();
        WhatsAppGateway provider = switch (config.provider()) {
            case CLOUD_API -> new CloudApiClient(CloudApiSettings.of(config.graphUrl(), config.graphVersion(),
                    config.accessToken().orElseThrow()).withRequestTimeout(config.whatsAppTimeout()), json);
            case DIALOG_360 -> new CloudApiClient(CloudApiSettings.of360dialog(config.dialog360().orElseThrow().baseUrl(),
                    config.dialog360().orElseThrow().apiKeys()).withRequestTimeout(config.whatsAppTimeout()), json);
            case INFOBIP -> new InfobipClient(InfobipSettings.of(config.infobip().orElseThrow().baseUrl(),
                    config.infobip().orElseThrow().apiKey(), config.infobip().orElseThrow().identityChangeEnabled())
                    .withRequestTimeout(config.whatsAppTimeout()), json);
            case DRY_RUN -> null;
        };
        return provider == null ? new DryRunWhatsAppGateway()
                : new CircuitBreakingGateway(provider, CircuitBreakingGateway.Settings.DEFAULT, TrustgateServer::circuitChanged);
    }

    /** Whose webhooks the HTTP server takes: Meta's signed ones, or the provider's at its secret path. */
    private static ProviderWebhooks webhooks(Config config) {
        return switch (config.provider()) {
            case CLOUD_API, DRY_RUN -> new ProviderWebhooks.Meta();
            case DIALOG_360 -> new ProviderWebhooks.Dialog360(config.dialog360().orElseThrow().webhookSecrets());
            case INFOBIP -> new ProviderWebhooks.Infobip(config.infobip().orElseThrow().webhookSecret());
        };
    }

    /** Logs each opening and closing of the circuit in front of WhatsApp. */
    private static void circuitChanged(CircuitBreakingGateway.State state) {
        if (state == CircuitBreakingGateway.State.OPEN) {
            LOG.warn("WhatsApp failed {} sends in a row: circuit open for {} s", CircuitBreakingGateway.Settings.DEFAULT.failureThreshold(),
                    CircuitBreakingGateway.Settings.DEFAULT.openFor().toSeconds());
        } else {
            LOG.info("WhatsApp answers again: circuit closed");
        }
    }

    /** Starts HTTP on the configured address; a port or address it cannot have is named with the variable that moves it. */
    private static void listen(Javalin http, Config config) {
        try {
            http.start(config.host(), config.port());
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof java.net.BindException bind) {
                    String message = String.valueOf(bind.getMessage()).toLowerCase(java.util.Locale.ROOT);
                    if (message.contains("in use")) {
                        throw new OneLineException("port " + config.port() + " on " + config.host() + " is already in use by another "
                                + "program; stop it, or set TRUSTGATE_PORT to a free port", e);
                    }
                    if (message.contains("assign") || message.contains("not available")) {
                        throw new OneLineException("TRUSTGATE_HOST=" + config.host() + " is not an address of this machine (use 0.0.0.0 "
                                + "for every interface, or 127.0.0.1 behind a proxy on the same machine)", e);
                    }
                    throw new OneLineException("cannot listen on " + config.host() + ":" + config.port() + " (" + bind.getMessage()
                            + "); check TRUSTGATE_HOST and TRUSTGATE_PORT", e);
                }
                if (cause instanceof java.nio.channels.UnresolvedAddressException || cause instanceof java.net.UnknownHostException) {
                    throw new OneLineException("TRUSTGATE_HOST=" + config.host() + " is not a known host name or address", e);
                }
            }
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
        long started = System.nanoTime();
        LOG.info("stopping: no new connections; requests in flight may finish (up to 20 s)");
        try {
            http.stop();
            LOG.info("stopping: HTTP closed; finishing the notification round under way");
        } finally {
            try {
                dispatcher.close();
            } finally {
                storage.close();
                metrics.close();
                LOG.info("stopped in {} ms (database closed)",
                        (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    /** The mobile operator's SIM-swap APIs when configured: subscriptions carry the first sink credential. */
    private static dev.trustgate.application.port.out.SimSwapOperator simSwapOperator(Config config) {
        return config.camara().<dev.trustgate.application.port.out.SimSwapOperator>map(c -> new CamaraClient(new CamaraSettings(
                c.apiRoot(), c.tokenUrl(), c.clientId(), c.clientSecret(), c.sinkUrl(), config.simSwapSinkCredentials().get(0),
                config.whatsAppTimeout()), new ObjectMapper()))
                .orElseGet(dev.trustgate.application.service.NoSimSwapOperator::new);
    }
}
