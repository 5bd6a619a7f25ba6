package dev.trustgate.application.service;

import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.EventLog;
import dev.trustgate.application.port.out.IdGenerator;
import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.application.port.out.Subscription;
import dev.trustgate.application.port.out.SubscriptionStore;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.TrustEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Appends events to the audit log and, in the same transaction, queues one delivery per matching
 * subscription, ordered per contact. Must be called inside a transaction.
 *
 * <p>Inside a transaction opened through {@link #atTheEnd}, events are appended when the work is done,
 * just before the commit: appending locks the business number's chain head, so taking it last, after
 * every contact row the work locks, keeps two transactions from ever waiting for each other in opposite
 * orders (a deadlock PostgreSQL breaks only after {@code deadlock_timeout}).
 */
public final class EventPublisher {

    private static final ThreadLocal<List<TrustEvent>> PENDING = new ThreadLocal<>();

    private final EventLog eventLog;
    private final SubscriptionStore subscriptions;
    private final Outbox outbox;
    private final IdGenerator ids;
    private final Clock clock;

    public EventPublisher(EventLog eventLog, SubscriptionStore subscriptions, Outbox outbox, IdGenerator ids, Clock clock) {
        this.eventLog = eventLog;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.ids = ids;
        this.clock = clock;
    }

    /** {@code transactions} whose work publishes its events at its end, in the order it published them. */
    public Transactions atTheEnd(Transactions transactions) {
        return new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return transactions.inTransaction(() -> {
                    if (PENDING.get() != null) {
                        return work.get(); // already inside one: its end publishes
                    }
                    List<TrustEvent> pending = new ArrayList<>();
                    PENDING.set(pending);
                    try {
                        T result = work.get();
                        flush(pending);
                        return result;
                    } finally {
                        PENDING.remove();
                    }
                });
            }
        };
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
        List<TrustEvent> pending = PENDING.get();
        if (pending != null) {
            pending.addAll(events);
        } else {
            append(events);
        }
    }

    private void append(List<TrustEvent> events) {
        BusinessNumberId business = events.get(0).contact().business();
        List<RecordedEvent> recorded = eventLog.append(business, events);
        List<Subscription> candidates = subscriptions.enabledFor(business);
        for (RecordedEvent event : recorded) {
            for (Subscription subscription : candidates) {
                if (!subscription.matches(business, event.type())) {
                    continue;
                }
                outbox.enqueue(OutboxEntry.pending(ids.newId("dlv"), business, OutboxEntry.Kind.EVENT, subscription.id(),
                        event.contact().id().value(), Optional.of(event.sequence()), Optional.empty(), clock.now()));
            }
        }
    }
}
