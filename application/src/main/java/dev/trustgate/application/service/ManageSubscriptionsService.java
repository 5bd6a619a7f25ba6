package dev.trustgate.application.service;

import dev.trustgate.application.Caller;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.ManageSubscriptionsUseCase;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.IdGenerator;
import dev.trustgate.application.port.out.NotificationSender;
import dev.trustgate.application.port.out.Subscription;
import dev.trustgate.application.port.out.SubscriptionStore;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.EventType;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Webhook endpoints of the business's systems. A key sees and manages only subscriptions confined to
 * its own business numbers; the secret (Standard Webhooks {@code whsec_}) is returned once. A URL the
 * sender could not call is refused here, with the reason, rather than found out at delivery time, and a
 * business number has at most {@link #MAX_PER_BUSINESS} enabled subscriptions (each one multiplies the
 * outbox rows of every event and is one more destination the dispatcher must serve).
 */
public final class ManageSubscriptionsService implements ManageSubscriptionsUseCase {

    /**
     * Most enabled subscriptions that may deliver one business number's events, the admin's subscriptions
     * for every business number included. Ten covers a CRM, a data warehouse and a few spares.
     */
    public static final int MAX_PER_BUSINESS = 10;

    private static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+(:[0-9]{1,5})?(/[^\\s]*)?");

    private final Transactions transactions;
    private final SubscriptionStore subscriptions;
    private final IdGenerator ids;
    private final Clock clock;
    private final SecureRandom random;
    private final Predicate<String> destinationAllowed;
    private final NotificationSender sender;

    /**
     * @param destinationAllowed whether deliveries may go to a URL (e.g. refuses private addresses
     *                           when the operator configured public-only destinations)
     * @param sender             the sender that will deliver to the URL: it tells whether it can use it
     */
    public ManageSubscriptionsService(Transactions transactions, SubscriptionStore subscriptions, IdGenerator ids, Clock clock,
                                      SecureRandom random, Predicate<String> destinationAllowed, NotificationSender sender) {
        this.transactions = transactions;
        this.subscriptions = subscriptions;
        this.ids = ids;
        this.clock = clock;
        this.random = random;
        this.destinationAllowed = destinationAllowed;
        this.sender = sender;
    }

    @Override
    public Created create(CreateCommand command) {
        Caller caller = command.caller();
        if (!URL.matcher(command.url()).matches()) {
            throw new IllegalArgumentException("url must be an http or https URL without credentials");
        }
        sender.problemWithUrl(command.url()).ifPresent(problem -> {
            throw new IllegalArgumentException("url cannot be used: " + problem);
        });
        if (!destinationAllowed.test(command.url())) {
            throw new IllegalArgumentException("url points to an address deliveries may not go to");
        }
        for (String type : command.eventTypes()) {
            if (EventType.ofCode(type).isEmpty()) {
                throw new IllegalArgumentException("eventTypes: unknown event type " + type);
            }
        }
        command.businesses().forEach(caller::requireAccess);
        Set<BusinessNumberId> scope = command.businesses().isEmpty() && !caller.admin() ? caller.businesses() : command.businesses();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        Subscription subscription = new Subscription(ids.newId("sub"), caller.actor().id(), command.url(), command.eventTypes(),
                scope, secret, true, clock.now());
        transactions.inTransaction(() -> {
            requireRoomFor(scope);
            subscriptions.save(subscription);
            return null;
        });
        return new Created(subscription, "whsec_" + Base64.getEncoder().encodeToString(secret));
    }

    @Override
    public List<Subscription> list(Caller caller) {
        return transactions.inTransaction(subscriptions::list).stream().filter(s -> visible(caller, s)).toList();
    }

    @Override
    public void delete(Caller caller, String id) {
        boolean deleted = transactions.inTransaction(() -> subscriptions.find(id).filter(s -> visible(caller, s))
                .map(s -> subscriptions.delete(s.id())).orElse(false));
        if (!deleted) {
            throw TrustgateException.notFound("subscription");
        }
    }

    /**
     * Refuses a subscription that would give a business number more than {@link #MAX_PER_BUSINESS}
     * enabled ones. Checked in the creating transaction; simultaneous creations can each see room, so a
     * burst may pass the cap by its own size once, never repeatedly.
     */
    private void requireRoomFor(Set<BusinessNumberId> scope) {
        List<Subscription> enabled = subscriptions.list().stream().filter(Subscription::enabled).toList();
        if (scope.isEmpty() && enabled.stream().filter(s -> s.businesses().isEmpty()).count() >= MAX_PER_BUSINESS) {
            throw new IllegalArgumentException("there are already " + MAX_PER_BUSINESS
                    + " subscriptions for every business number (the most allowed); delete one first");
        }
        Set<BusinessNumberId> affected = scope.isEmpty()
                ? enabled.stream().flatMap(s -> s.businesses().stream()).collect(Collectors.toSet()) : scope;
        affected.stream().sorted(Comparator.comparing(BusinessNumberId::value))
                .filter(business -> enabled.stream().filter(s -> s.covers(business)).count() >= MAX_PER_BUSINESS)
                .findFirst().ifPresent(business -> {
                    throw new IllegalArgumentException("business number " + business.value() + " already has "
                            + MAX_PER_BUSINESS + " subscriptions (the most allowed); delete one first");
                });
    }

    private static boolean visible(Caller caller, Subscription subscription) {
        return caller.admin()
                || (!subscription.businesses().isEmpty() && caller.businesses().containsAll(subscription.businesses()));
    }
}
