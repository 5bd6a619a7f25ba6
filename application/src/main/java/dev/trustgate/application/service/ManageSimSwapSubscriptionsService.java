package dev.trustgate.application.service;

import dev.trustgate.application.Caller;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.ManageSimSwapSubscriptionsUseCase;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.application.port.out.SimSwapOperator;
import dev.trustgate.application.port.out.SimSwapStore;
import dev.trustgate.application.port.out.SimSwapSubscription;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.PhoneAliases;
import dev.trustgate.domain.WaId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ManageSimSwapSubscriptionsUseCase}: which customers need a subscription is read in one transaction, each
 * subscription is made at the operator outside any transaction (a network call holds no row), and stored in one of
 * its own as soon as the operator answered, so a failure half-way keeps what was made.
 */
public final class ManageSimSwapSubscriptionsService implements ManageSimSwapSubscriptionsUseCase {

    /** How long a subscription is asked for. */
    static final Duration LIFETIME = Duration.ofDays(30);
    /** A subscription ending sooner than this is renewed. */
    static final Duration RENEW_BEFORE = Duration.ofDays(1);
    private static final int PAGE = 1000;

    private final Transactions transactions;
    private final ContactStore contacts;
    private final SimSwapStore store;
    private final SimSwapOperator operator;
    private final Clock clock;

    public ManageSimSwapSubscriptionsService(Transactions transactions, ContactStore contacts, SimSwapStore store,
                                            SimSwapOperator operator, Clock clock) {
        this.transactions = transactions;
        this.contacts = contacts;
        this.store = store;
        this.operator = operator;
        this.clock = clock;
    }

    @Override
    public List<SimSwapSubscription> subscribe(Caller caller, BusinessNumberId business) {
        caller.requireAdmin();
        Instant now = clock.now();
        List<WaId> unwatched = transactions.inTransaction(() -> unwatched(business, now));
        for (WaId number : unwatched) {
            SimSwapSubscription made = operator.subscribe(business, number, now.plus(LIFETIME));
            transactions.inTransaction(() -> {
                // an id the operator already gave for another business number's customer, or another number, is the
                // operator's mistake: taking it would send that subscription's notices to this business number
                if (store.subscription(made.id()).filter(held -> !held.business().equals(made.business())
                        || !PhoneAliases.same(held.phoneNumber(), made.phoneNumber())).isPresent()) {
                    throw new TrustgateException(ErrorCode.UPSTREAM_ERROR, "the mobile operator answered a new SIM-swap subscription "
                            + "with the id of one trustgate holds for another number");
                }
                store.save(made);
                return null;
            });
        }
        return list(caller, business);
    }

    @Override
    public List<SimSwapSubscription> list(Caller caller, BusinessNumberId business) {
        caller.requireAdmin();
        return transactions.inTransaction(() -> store.subscriptions(business));
    }

    /** The numbers of the business's customers without a live subscription (any spelling of the number counts). */
    private List<WaId> unwatched(BusinessNumberId business, Instant now) {
        List<SimSwapSubscription> live = store.subscriptions(business).stream().filter(s -> live(s, now)).toList();
        List<WaId> numbers = new ArrayList<>();
        Optional<String> after = Optional.empty();
        while (true) {
            ContactStore.Page<ContactTrust> page = contacts.list(business, Optional.empty(), after, PAGE);
            for (ContactTrust contact : page.items()) {
                contact.names().waId().filter(number -> live.stream().noneMatch(s -> PhoneAliases.same(s.phoneNumber(), number)))
                        .filter(number -> numbers.stream().noneMatch(n -> PhoneAliases.same(n, number)))
                        .ifPresent(numbers::add);
            }
            if (page.next().isEmpty()) {
                return numbers;
            }
            after = page.next();
        }
    }

    private static boolean live(SimSwapSubscription subscription, Instant now) {
        return subscription.status() != SimSwapSubscription.Status.ENDED
                && subscription.expiresAt().filter(end -> end.isBefore(now.plus(RENEW_BEFORE))).isEmpty();
    }
}
