package dev.trustgate.application.service;

import dev.trustgate.application.Caller;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.ManageSubscriptionsUseCase;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.IdGenerator;
import dev.trustgate.application.port.out.Subscription;
import dev.trustgate.application.port.out.SubscriptionStore;
import dev.trustgate.domain.BusinessNumberId;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Webhook endpoints of the business's systems. A key sees and manages only subscriptions confined to
 * its own business numbers; the secret (Standard Webhooks {@code whsec_}) is returned once.
 */
public final class ManageSubscriptionsService implements ManageSubscriptionsUseCase {

    /** Every event type a subscription may ask for. */
    public static final Set<String> EVENT_TYPES = Set.of("identity.baseline", "identity.changed", "trust.broken",
            "reauthentication.started", "reauthentication.cancelled", "reauthentication.succeeded",
            "reauthentication.failed", "identity.acknowledgement_requested", "identity.acknowledged",
            "identity.overridden", "trust.established", "trust.revoked", "message.blocked", "message.held",
            "message.released", "message.discarded");

    private static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+(:[0-9]{1,5})?(/[^\\s]*)?");

    private final Retry retry;
    private final SubscriptionStore subscriptions;
    private final IdGenerator ids;
    private final Clock clock;
    private final SecureRandom random;
    private final Predicate<String> destinationAllowed;

    /**
     * @param destinationAllowed whether deliveries may go to a URL (e.g. refuses private addresses
     *                           when the operator configured public-only destinations)
     */
    public ManageSubscriptionsService(Retry retry, SubscriptionStore subscriptions, IdGenerator ids, Clock clock,
                                      SecureRandom random, Predicate<String> destinationAllowed) {
        this.retry = retry;
        this.subscriptions = subscriptions;
        this.ids = ids;
        this.clock = clock;
        this.random = random;
        this.destinationAllowed = destinationAllowed;
    }

    @Override
    public Created create(CreateCommand command) {
        Caller caller = command.caller();
        if (!URL.matcher(command.url()).matches()) {
            throw new IllegalArgumentException("url must be an http or https URL without credentials");
        }
        if (!destinationAllowed.test(command.url())) {
            throw new IllegalArgumentException("url points to an address deliveries may not go to");
        }
        for (String type : command.eventTypes()) {
            if (!EVENT_TYPES.contains(type)) {
                throw new IllegalArgumentException("eventTypes: unknown event type " + type);
            }
        }
        command.businesses().forEach(caller::requireAccess);
        Set<BusinessNumberId> scope = command.businesses().isEmpty() && !caller.admin() ? caller.businesses() : command.businesses();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        Subscription subscription = new Subscription(ids.newId("sub"), caller.actor().id(), command.url(), command.eventTypes(),
                scope, secret, true, clock.now());
        retry.inTransaction(() -> {
            subscriptions.save(subscription);
            return null;
        });
        return new Created(subscription, "whsec_" + Base64.getEncoder().encodeToString(secret));
    }

    @Override
    public List<Subscription> list(Caller caller) {
        return retry.inTransaction(subscriptions::list).stream().filter(s -> visible(caller, s)).toList();
    }

    @Override
    public void delete(Caller caller, String id) {
        boolean deleted = retry.inTransaction(() -> subscriptions.find(id).filter(s -> visible(caller, s))
                .map(s -> subscriptions.delete(s.id())).orElse(false));
        if (!deleted) {
            throw TrustgateException.notFound("subscription");
        }
    }

    private static boolean visible(Caller caller, Subscription subscription) {
        return caller.admin()
                || (!subscription.businesses().isEmpty() && caller.businesses().containsAll(subscription.businesses()));
    }
}
