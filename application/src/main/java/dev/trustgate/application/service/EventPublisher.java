package dev.trustgate.application.service;

import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.EventLog;
import dev.trustgate.application.port.out.IdGenerator;
import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.application.port.out.Subscription;
import dev.trustgate.application.port.out.SubscriptionStore;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.TrustEvent;
import java.util.List;
import java.util.Optional;

/**
 * Appends events to the audit log and, in the same transaction, queues one delivery per matching
 * subscription, ordered per contact. Must be called inside a transaction.
 */
public final class EventPublisher {

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

    public List<RecordedEvent> publish(List<TrustEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        BusinessNumberId business = events.get(0).contact().business();
        if (events.stream().anyMatch(e -> !e.contact().business().equals(business))) {
            throw new IllegalArgumentException("one publish call carries events of one business number");
        }
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
        return recorded;
    }
}
