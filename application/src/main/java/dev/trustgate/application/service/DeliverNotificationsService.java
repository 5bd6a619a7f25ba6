package dev.trustgate.application.service;

import dev.trustgate.application.port.in.DeliverNotificationsUseCase;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.EventLog;
import dev.trustgate.application.port.out.NotificationSender;
import dev.trustgate.application.port.out.NotificationSender.Outcome;
import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.Outbox.Claim;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.application.port.out.Subscription;
import dev.trustgate.application.port.out.SubscriptionStore;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.application.port.out.WebhookRelay;
import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.WaId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The notification dispatcher. Retry schedule (Svix's): the first attempt at once, then after 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h and 10 h, each wait ±10 % jitter and never shorter than a Retry-After the
 * endpoint asked for (heeded up to 10 h); after the {@link #BUDGET}th failed attempt the entry is parked and
 * holds back later entries of its contact until redelivered or discarded. An attempt that can never
 * succeed (the URL cannot be used) parks at once, and the other entries of the claim go on.
 *
 * <p>Identity confirmations (the acknowledgements a provider with an identity block of its own must be told of)
 * go the same way: the provider's answer is settled like an endpoint's, a refusal (a wrong hash, an unknown
 * customer) parks the entry with the provider's reason.
 *
 * <p>Isolation between tenants: a claim gives every destination its turn and at most
 * {@link #PER_DESTINATION} entries in flight, the attempts run on the caller's workers (a bounded pool
 * in the server), and each attempt ends within the sender's total deadline. Every settle carries the
 * claim's fencing token: the {@link #LEASE} (2 min) far outlasts an attempt (a 10 s deadline in the
 * server) plus its settle, and should it still run out, the late settle changes nothing.
 */
public final class DeliverNotificationsService implements DeliverNotificationsUseCase {

    /** The waits after the 1st, 2nd, … failed attempt; after the last one's attempt fails, the entry parks. */
    static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
    /** Attempts before an entry is parked: the first one and one after each wait of the schedule. */
    public static final int BUDGET = SCHEDULE.size() + 1;
    static final Duration LONGEST_WAIT = Duration.ofHours(10);
    static final Duration LEASE = Duration.ofMinutes(2);
    /** Most entries of one destination in flight at once (so a blackhole holds at most this many workers). */
    public static final int PER_DESTINATION = 4;

    private final Transactions transactions;
    private final Outbox outbox;
    private final EventLog events;
    private final SubscriptionStore subscriptions;
    private final NotificationSender sender;
    private final WebhookRelay relay;
    private final WhatsAppGateway provider;
    private final Clock clock;

    public DeliverNotificationsService(Transactions transactions, Outbox outbox, EventLog events, SubscriptionStore subscriptions,
                                       NotificationSender sender, WebhookRelay relay, WhatsAppGateway provider, Clock clock) {
        this.relay = relay;
        this.provider = provider;
        this.transactions = transactions;
        this.outbox = outbox;
        this.events = events;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.clock = clock;
    }

    @Override
    public int deliverDue(int max, Executor workers) {
        List<Claim> due = transactions.inTransaction(() -> outbox.claimDue(clock.now(), max, PER_DESTINATION, LEASE));
        for (Claim claim : due) {
            workers.execute(() -> attempt(claim));
        }
        return due.size();
    }

    private void attempt(Claim claim) {
        OutboxEntry entry = claim.entry();
        if (entry.kind() == OutboxEntry.Kind.CONFIRMATION) {
            settle(claim, guarded(() -> confirm(entry)), Optional.empty());
            return;
        }
        if (entry.kind() == OutboxEntry.Kind.RELAY) {
            if (relay.enabled()) {
                settle(claim, guarded(() -> relay.relay(entry.destination(), entry.payload().orElseThrow(),
                        entry.trustHeader().orElse(""))), Optional.empty());
            }
            // else: this node relays nothing; the lease runs out and a node that relays takes the entry
            return;
        }
        Optional<Subscription> subscription = transactions.inTransaction(() -> subscriptions.find(entry.destination()));
        Optional<RecordedEvent> event = transactions.inTransaction(() -> events.read(entry.business().orElseThrow(),
                entry.eventSequence().orElseThrow() - 1, 1)).stream().findFirst();
        if (subscription.isEmpty() || !subscription.get().enabled() || event.isEmpty()) {
            // The endpoint was removed or disabled: nothing left to deliver this to.
            record(() -> outbox.markDelivered(claim, clock.now()));
            return;
        }
        settle(claim, guarded(() -> sender.deliver(subscription.get(), entry.id(), event.get(), clock.now())), subscription);
    }

    /** Confirms the acknowledgement {@code entry} carries at the provider, as the acknowledgement event names it. */
    private Outcome confirm(OutboxEntry entry) {
        String providerName = provider.capabilities().provider();
        if (!provider.capabilities().confirmsIdentities()) {
            return new Outcome.Refused("the configured WhatsApp provider (" + providerName + ") keeps no identity block to confirm");
        }
        Optional<RecordedEvent> acknowledged = transactions.inTransaction(() -> events.read(entry.business().orElseThrow(),
                entry.eventSequence().orElseThrow() - 1, 1)).stream().findFirst();
        if (acknowledged.isEmpty() || !acknowledged.get().data().containsKey("identityHash")) {
            return new Outcome.Refused("the acknowledgement " + entry.eventSequence().orElseThrow() + " is not in the event log");
        }
        Optional<WaId> customer = acknowledged.get().contact().names().waId();
        if (customer.isEmpty()) {
            return new Outcome.Refused(providerName + " confirms identities by phone number and the acknowledgement names none "
                    + "(the customer is known by user id only)");
        }
        IdentityHash hash = new IdentityHash(acknowledged.get().data().get("identityHash"));
        return provider.confirmIdentity(entry.business().orElseThrow(), customer.get(), hash).<Outcome>fold(
                confirmed -> new Outcome.Delivered(),
                refused -> new Outcome.Refused(refused.reason()),
                later -> new Outcome.RetryLater(later.reason(), later.retryAfter()));
    }

    /** An adapter that throws instead of answering parks this entry rather than stopping the others. */
    private static Outcome guarded(Supplier<Outcome> attempt) {
        try {
            return attempt.get();
        } catch (RuntimeException e) {
            return new Outcome.Refused("the delivery could not be attempted (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Records what became of one attempt: delivered, retried later, parked, or the endpoint gone. */
    private void settle(Claim claim, Outcome outcome, Optional<Subscription> subscription) {
        int attempts = claim.entry().attempts() + 1;
        Instant now = clock.now();
        record(outcome.<Supplier<Boolean>>fold(
                delivered -> () -> outbox.markDelivered(claim, now),
                later -> attempts >= BUDGET
                        ? () -> outbox.park(claim, attempts, later.error(), now)
                        : () -> outbox.retryLater(claim, attempts, now.plus(wait(attempts, later.retryAfter())), later.error()),
                gone -> () -> {
                    subscription.ifPresent(s -> subscriptions.save(s.disabled()));
                    return outbox.park(claim, attempts, "the endpoint answered 410 Gone" + (subscription.isPresent()
                            ? "; subscription disabled" : ""), now);
                },
                refused -> () -> outbox.park(claim, attempts, refused.error(), now)));
    }

    /** The wait after failed attempt {@code attempts}: the schedule's, with jitter, at least what Retry-After asked. */
    static Duration wait(int attempts, Optional<Duration> retryAfter) {
        Duration scheduled = SCHEDULE.get(Math.min(attempts, SCHEDULE.size()) - 1);
        double jitter = 0.9 + ThreadLocalRandom.current().nextDouble() * 0.2;
        Duration jittered = Duration.ofMillis((long) (scheduled.toMillis() * jitter));
        Duration asked = retryAfter.map(d -> d.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : d).orElse(Duration.ZERO);
        return asked.compareTo(jittered) > 0 ? asked : jittered;
    }

    /** Runs one settle in its own transaction; a settle whose claim lost its lease changes nothing (false). */
    private void record(Supplier<Boolean> change) {
        transactions.inTransaction(change::get);
    }
}
