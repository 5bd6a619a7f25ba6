package dev.trustgate.application.service;

import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.EventLog;
import dev.trustgate.application.port.out.IdGenerator;
import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.application.port.out.Subscription;
import dev.trustgate.application.port.out.SubscriptionStore;
import dev.trustgate.application.transaction.TransactionScope;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.EventType;
import dev.trustgate.domain.TrustEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Appends events to the audit log and, in the same transaction, queues one delivery per matching
 * subscription, ordered per contact, and — when the provider keeps an identity block of its own — the
 * confirmation of every {@code identity.acknowledged}, so that block lifts only once trustgate's did.
 * Must be called inside a transaction.
 *
 * <p>Inside a transaction of its {@link TransactionScope}, events are appended when the work is done, just
 * before the commit: appending locks the business number's chain head, so taking it last, after every
 * contact row the work locks, keeps two transactions from ever waiting for each other in opposite orders
 * (a deadlock PostgreSQL breaks only after {@code deadlock_timeout}).
 */
public final class EventPublisher {

    private final EventLog eventLog;
    private final SubscriptionStore subscriptions;
    private final Outbox outbox;
    private final IdGenerator ids;
    private final Clock clock;
    private final TransactionScope scope;
    private final BooleanSupplier confirmAcknowledgements;

    /** @param scope the transactions' scope: events published in one of its transactions are appended at its end */
    public EventPublisher(EventLog eventLog, SubscriptionStore subscriptions, Outbox outbox, IdGenerator ids, Clock clock,
                          TransactionScope scope) {
        this(eventLog, subscriptions, outbox, ids, clock, scope, () -> false);
    }

    /**
     * @param scope                   the transactions' scope: events published in one of its transactions are appended at its end
     * @param confirmAcknowledgements whether acknowledgements are confirmed at the provider (asked at every publish)
     */
    public EventPublisher(EventLog eventLog, SubscriptionStore subscriptions, Outbox outbox, IdGenerator ids, Clock clock,
                          TransactionScope scope, BooleanSupplier confirmAcknowledgements) {
        this.confirmAcknowledgements = confirmAcknowledgements;
        this.eventLog = eventLog;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.ids = ids;
        this.clock = clock;
        this.scope = scope;
    }

    private void flush(List<TrustEvent> pending) {
        // one business number's head after another, always in the same order
        Map<BusinessNumberId, List<TrustEvent>> byBusiness = new TreeMap<>(Comparator.comparing(BusinessNumberId::value));
        pending.forEach(e -> byBusiness.computeIfAbsent(e.contact().business(), b -> new ArrayList<>()).add(e));
        byBusiness.values().forEach(this::append);
    }

    /** Publishes {@code events} (of one business number): now, or at the end of the transaction it runs in. */
    public void publish(List<TrustEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        BusinessNumberId business = events.get(0).contact().business();
        if (events.stream().anyMatch(e -> !e.contact().business().equals(business))) {
            throw new IllegalArgumentException("one publish call carries events of one business number");
        }
        scope.untilTheEnd(this, ArrayList<TrustEvent>::new, this::flush)
                .ifPresentOrElse(pending -> pending.addAll(events), () -> append(events));
    }

    private void append(List<TrustEvent> events) {
        BusinessNumberId business = events.get(0).contact().business();
        List<RecordedEvent> recorded = eventLog.append(business, events);
        List<Subscription> candidates = subscriptions.enabledFor(business);
        boolean confirm = confirmAcknowledgements.getAsBoolean();
        List<OutboxEntry> deliveries = new ArrayList<>();
        for (RecordedEvent event : recorded) {
            // the event that lifts a block by an identity hash: the one a provider's own block is confirmed for
            if (confirm && event.type().equals(EventType.IDENTITY_ACKNOWLEDGED.code())) {
                deliveries.add(OutboxEntry.confirmation(ids.newId("cnf"), business, event.contact().id().value(), event.sequence(),
                        clock.now()));
            }
            for (Subscription subscription : candidates) {
                if (!subscription.matches(business, event.type())) {
                    continue;
                }
                deliveries.add(OutboxEntry.pending(ids.newId("dlv"), business, OutboxEntry.Kind.EVENT, subscription.id(),
                        event.contact().id().value(), Optional.of(event.sequence()), Optional.empty(), clock.now()));
            }
        }
        // in event order, as one write: a batch of webhooks' deliveries costs one round trip
        outbox.enqueueAll(deliveries);
    }
}
