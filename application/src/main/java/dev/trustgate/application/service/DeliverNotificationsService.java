package dev.trustgate.application.service;

import dev.trustgate.application.port.in.DeliverNotificationsUseCase;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.EventLog;
import dev.trustgate.application.port.out.NotificationSender;
import dev.trustgate.application.port.out.NotificationSender.Outcome;
import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.application.port.out.Subscription;
import dev.trustgate.application.port.out.SubscriptionStore;
import dev.trustgate.application.port.out.WebhookRelay;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The notification dispatcher. Retry schedule: attempt n waits {@code 5 s × 2^(n-1)} (at most one hour)
 * ±20 % jitter, or what Retry-After asked for (at most one hour); after {@link #BUDGET} failed attempts
 * the entry is parked and holds back later entries of its contact until redelivered or discarded.
 */
public final class DeliverNotificationsService implements DeliverNotificationsUseCase {

    public static final int BUDGET = 12;
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration LONGEST_WAIT = Duration.ofHours(1);
    static final Duration LEASE = Duration.ofMinutes(2);

    private final Retry retry;
    private final Outbox outbox;
    private final EventLog events;
    private final SubscriptionStore subscriptions;
    private final NotificationSender sender;
    private final WebhookRelay relay;
    private final Clock clock;

    public DeliverNotificationsService(Retry retry, Outbox outbox, EventLog events, SubscriptionStore subscriptions,
                                       NotificationSender sender, WebhookRelay relay, Clock clock) {
        this.relay = relay;
        this.retry = retry;
        this.outbox = outbox;
        this.events = events;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.clock = clock;
    }

    @Override
    public int deliverDue(int max) {
        List<OutboxEntry> due = retry.inTransaction(() -> outbox.claimDue(clock.now(), max, LEASE));
        for (OutboxEntry entry : due) {
            if (entry.kind() == OutboxEntry.Kind.EVENT) {
                deliver(entry);
            } else if (relay.enabled()) {
                settle(entry, relay.relay(entry.payload().orElseThrow(), entry.trustHeader().orElse("")), Optional.empty());
            }
        }
        return due.size();
    }

    private void deliver(OutboxEntry entry) {
        Optional<Subscription> subscription = retry.inTransaction(() -> subscriptions.find(entry.destination()));
        Optional<RecordedEvent> event = retry.inTransaction(() -> events.read(entry.business(),
                entry.eventSequence().orElseThrow() - 1, 1)).stream().findFirst();
        Instant now = clock.now();
        if (subscription.isEmpty() || !subscription.get().enabled() || event.isEmpty()) {
            // The endpoint was removed or disabled: nothing left to deliver this to.
            record(() -> outbox.markDelivered(entry.id(), now));
            return;
        }
        settle(entry, sender.deliver(subscription.get(), entry.id(), event.get(), now), subscription);
    }

    /** Records what became of one attempt: delivered, retried later, parked, or the endpoint gone. */
    private void settle(OutboxEntry entry, Outcome outcome, Optional<Subscription> subscription) {
        int attempts = entry.attempts() + 1;
        if (outcome instanceof Outcome.Delivered) {
            record(() -> outbox.markDelivered(entry.id(), clock.now()));
        } else if (outcome instanceof Outcome.Gone) {
            record(() -> {
                subscription.ifPresent(s -> subscriptions.save(s.disabled()));
                outbox.park(entry.id(), attempts, "the endpoint answered 410 Gone" + (subscription.isPresent()
                        ? "; subscription disabled" : ""), clock.now());
            });
        } else {
            Outcome.RetryLater later = (Outcome.RetryLater) outcome;
            if (attempts >= BUDGET) {
                record(() -> outbox.park(entry.id(), attempts, later.error(), clock.now()));
            } else {
                Duration wait = later.retryAfter().filter(d -> d.compareTo(LONGEST_WAIT) <= 0).orElseGet(() -> backoff(attempts));
                record(() -> outbox.retryLater(entry.id(), attempts, clock.now().plus(wait), later.error()));
            }
        }
    }

    static Duration backoff(int attempts) {
        long millis = Math.min(FIRST_RETRY.toMillis() << Math.min(attempts - 1, 20), LONGEST_WAIT.toMillis());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (millis * jitter));
    }

    private void record(Runnable change) {
        retry.inTransaction(() -> {
            change.run();
            return null;
        });
    }
}
