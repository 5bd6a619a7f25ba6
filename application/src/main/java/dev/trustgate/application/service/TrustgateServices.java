package dev.trustgate.application.service;

import dev.trustgate.application.port.out.ApiKeyStore;
import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.application.port.out.EventLog;
import dev.trustgate.application.port.out.IdGenerator;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.NotificationSender;
import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.SimSwapOperator;
import dev.trustgate.application.port.out.SimSwapStore;
import dev.trustgate.application.port.out.SubscriptionStore;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.application.port.out.WebhookReceipts;
import dev.trustgate.application.port.out.WebhookRelay;
import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.application.transaction.UseCaseTransactions;
import java.security.SecureRandom;
import java.util.function.Predicate;

/**
 * Every use case of trustgate, built over one set of output ports. An embedding product (or the
 * server's bootstrap) supplies the ports and takes the use cases it needs from here.
 */
public final class TrustgateServices {

    /** The output ports the use cases run on ({@code transactions}: the storage's own, one per call). */
    public record Ports(Transactions transactions, ContactStore contacts, BusinessStore businesses, EventLog events,
                        WebhookReceipts receipts, MessageLog messages, Outbox outbox, SubscriptionStore subscriptions,
                        ApiKeyStore apiKeys, WhatsAppGateway whatsApp, NotificationSender notifications, WebhookRelay relay,
                        Clock clock, IdGenerator ids) {
    }

    public final OptInToIdentityChecksService optIn;
    public final SetAcknowledgementPolicyService setPolicy;
    public final SetSimSwapPolicyService setSimSwapPolicy;
    public final RecordIdentitySignalService recordSignals;
    public final SendMessageService send;
    public final ReleaseHeldMessageService release;
    public final DiscardHeldMessageService discard;
    public final MarkMessageReadService markRead;
    public final ListHeldMessagesService listHeld;
    public final StartReauthenticationService startReauthentication;
    public final CancelReauthenticationService cancelReauthentication;
    public final RecordReauthenticationResultService reauthenticationResult;
    public final AcknowledgeIdentityChangeService acknowledge;
    public final OverrideUnknownIdentityService overrideUnknownIdentity;
    public final RecordAuthenticationService recordAuthentication;
    public final RevokeTrustService revokeTrust;
    public final ManageSubscriptionsService subscriptions;
    public final ManageApiKeysService apiKeys;
    public final AuthenticateApiKeyService authenticate;
    public final GetContactTrustService getContact;
    public final ListContactsService listContacts;
    public final ReadEventsService readEvents;
    public final VerifyAuditChainService verifyAudit;
    public final DeliverNotificationsService deliverNotifications;
    public final ManageParkedDeliveriesService parkedDeliveries;
    public final PruneDeliveredNotificationsService pruneDeliveries;
    public final EventPublisher publisher;
    public final Contacts contacts;
    /** The transactions every use case but webhook intake runs in. */
    public final Transactions transactions;
    private final Ports ports;
    private final ContactCommands commands;

    /** Use cases in {@linkplain UseCaseTransactions#standard the standard composition} of the ports' transactions. */
    public TrustgateServices(Ports ports, Predicate<String> subscriptionUrlAllowed) {
        this(ports, subscriptionUrlAllowed, HeldMessageLimits.DEFAULT);
    }

    /** @param heldLimits how many messages may be held at once, per contact and per business number */
    public TrustgateServices(Ports ports, Predicate<String> subscriptionUrlAllowed, HeldMessageLimits heldLimits) {
        this(ports, UseCaseTransactions.standard(ports.transactions()), subscriptionUrlAllowed, heldLimits);
    }

    /**
     * @param composed the transactions the use cases run in, composed over {@code ports.transactions()} by
     *                 whoever builds the services (the server's bootstrap chooses retry and group commit)
     */
    public TrustgateServices(Ports ports, UseCaseTransactions composed, Predicate<String> subscriptionUrlAllowed,
                             HeldMessageLimits heldLimits) {
        this.ports = ports;
        SecureRandom random = new SecureRandom();
        publisher = new EventPublisher(ports.events(), ports.subscriptions(), ports.outbox(), ports.ids(), ports.clock(),
                composed.scope(), () -> ports.whatsApp().capabilities().confirmsIdentities());
        transactions = composed.useCases();
        contacts = new Contacts(ports.contacts(), ports.messages(), publisher, ports.ids());
        commands = new ContactCommands(transactions, contacts, ports.businesses(), ports.messages());
        optIn = new OptInToIdentityChecksService(transactions, ports.businesses(), ports.whatsApp(), ports.clock());
        setPolicy = new SetAcknowledgementPolicyService(transactions, ports.businesses());
        setSimSwapPolicy = new SetSimSwapPolicyService(transactions, ports.businesses());
        recordSignals = new RecordIdentitySignalService(composed.webhookIntake(), contacts,
                ports.contacts(), ports.businesses(), ports.receipts(), ports.messages(), ports.ids(), ports.clock(), ports.outbox(),
                ports.relay());
        SendGate gate = new SendGate(composed.sends(), contacts, ports.businesses(), ports.messages(), ports.whatsApp(), publisher, ports.clock());
        send = new SendMessageService(composed.sends(), gate, ports.messages(), publisher, ports.ids(), ports.clock(), heldLimits);
        release = new ReleaseHeldMessageService(composed.sends(), gate, ports.messages(), publisher, ports.ids(), ports.clock());
        discard = new DiscardHeldMessageService(transactions, contacts, ports.messages(), publisher, ports.clock());
        markRead = new MarkMessageReadService(ports.whatsApp());
        listHeld = new ListHeldMessagesService(transactions, contacts, ports.messages());
        startReauthentication = new StartReauthenticationService(commands, ports.ids(), ports.clock());
        cancelReauthentication = new CancelReauthenticationService(commands, ports.clock());
        reauthenticationResult = reauthenticationResultCheckedBy(new NoSimSwapOperator());
        acknowledge = new AcknowledgeIdentityChangeService(commands, ports.clock());
        overrideUnknownIdentity = new OverrideUnknownIdentityService(commands, ports.clock());
        recordAuthentication = new RecordAuthenticationService(commands, ports.clock());
        revokeTrust = new RevokeTrustService(commands, ports.clock());
        subscriptions = new ManageSubscriptionsService(transactions, ports.subscriptions(), ports.ids(), ports.clock(), random,
                subscriptionUrlAllowed, ports.notifications());
        ApiKeyCache keyCache = new ApiKeyCache();
        apiKeys = new ManageApiKeysService(transactions, ports.apiKeys(), ports.subscriptions(), ports.ids(), ports.clock(), random,
                keyCache);
        authenticate = new AuthenticateApiKeyService(transactions, ports.apiKeys(), keyCache);
        getContact = new GetContactTrustService(transactions, contacts, ports.businesses(), ports.messages());
        listContacts = new ListContactsService(transactions, ports.contacts(), ports.businesses(), ports.messages());
        readEvents = new ReadEventsService(transactions, contacts, ports.events());
        verifyAudit = new VerifyAuditChainService(transactions, ports.events());
        deliverNotifications = new DeliverNotificationsService(transactions, ports.outbox(), ports.events(), ports.subscriptions(),
                ports.notifications(), ports.relay(), ports.whatsApp(), ports.clock());
        parkedDeliveries = new ManageParkedDeliveriesService(transactions, ports.outbox(), ports.clock());
        pruneDeliveries = new PruneDeliveredNotificationsService(transactions, ports.outbox(), ports.clock());
    }

    /**
     * The intake of mobile operators' SIM-swap notices over {@code store}, where the subscriptions trustgate holds are
     * kept: only a deployment that takes SIM-swap notices needs it.
     */
    public RecordSimSwapNoticeService simSwapNotices(SimSwapStore store) {
        return new RecordSimSwapNoticeService(transactions, contacts, ports.businesses(), store, ports.ids(), ports.clock());
    }

    /**
     * The SIM-swap subscriptions trustgate holds at the mobile operator {@code operator} for business numbers' customers,
     * kept in {@code store}.
     */
    public ManageSimSwapSubscriptionsService simSwapSubscriptions(SimSwapStore store, SimSwapOperator operator) {
        return new ManageSimSwapSubscriptionsService(transactions, ports.contacts(), store, operator, ports.clock());
    }

    /**
     * Recording re-authentication results with {@code operator} asked about SIM swaps where a business number's policy
     * says so ({@link #reauthenticationResult} has no operator: such a pass is refused as unsupported).
     */
    public RecordReauthenticationResultService reauthenticationResultCheckedBy(SimSwapOperator operator) {
        return new RecordReauthenticationResultService(commands, ports.clock(), operator);
    }
}
