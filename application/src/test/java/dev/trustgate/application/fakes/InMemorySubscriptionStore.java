package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.Subscription;
import dev.trustgate.application.port.out.SubscriptionStore;
import dev.trustgate.domain.BusinessNumberId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InMemorySubscriptionStore implements SubscriptionStore, InMemoryState {

    private Map<String, Subscription> subscriptions = new LinkedHashMap<>();

    @Override
    public synchronized void save(Subscription subscription) {
        subscriptions.put(subscription.id(), subscription);
    }

    @Override
    public synchronized Optional<Subscription> find(String id) {
        return Optional.ofNullable(subscriptions.get(id));
    }

    @Override
    public synchronized List<Subscription> list() {
        return List.copyOf(subscriptions.values());
    }

    @Override
    public synchronized List<Subscription> enabledFor(BusinessNumberId business) {
        return subscriptions.values().stream().filter(s -> s.covers(business)).toList();
    }

    @Override
    public synchronized boolean delete(String id) {
        return subscriptions.remove(id) != null;
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(subscriptions);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        subscriptions = new LinkedHashMap<>((Map<String, Subscription>) snapshot);
    }
}
