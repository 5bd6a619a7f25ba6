package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.SimSwapNotice;
import dev.trustgate.application.port.out.SimSwapStore;
import dev.trustgate.application.port.out.SimSwapSubscription;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SIM-swap subscriptions and notices in memory. */
public final class InMemorySimSwapStore implements SimSwapStore, InMemoryState {

    private Map<String, SimSwapSubscription> subscriptions = new LinkedHashMap<>();
    private Map<String, SimSwapNotice> notices = new HashMap<>();
    private Map<ContactKey, Instant> applied = new HashMap<>();

    @Override
    public synchronized Optional<SimSwapSubscription> subscription(String id) {
        return Optional.ofNullable(subscriptions.get(id));
    }

    @Override
    public synchronized List<SimSwapSubscription> subscriptions(BusinessNumberId business) {
        return subscriptions.values().stream().filter(s -> s.business().equals(business))
                .sorted(Comparator.comparing(SimSwapSubscription::id)).toList();
    }

    @Override
    public synchronized void save(SimSwapSubscription subscription) {
        subscriptions.put(subscription.id(), subscription);
    }

    @Override
    public synchronized boolean record(SimSwapNotice notice) {
        return notices.putIfAbsent(key(notice.source(), notice.id()), notice) == null;
    }

    @Override
    public synchronized void applied(ContactKey contact, Instant asOf) {
        applied.merge(contact, asOf, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public synchronized Optional<Instant> lastApplied(ContactKey contact) {
        return Optional.ofNullable(applied.get(contact));
    }

    /** How many notices were recorded, for a test to ask. */
    public synchronized int notices() {
        return notices.size();
    }

    private static String key(String source, String id) {
        return source + "\n" + id;
    }

    @Override
    public synchronized Object snapshot() {
        return List.of(new LinkedHashMap<>(subscriptions), new HashMap<>(notices), new HashMap<>(applied));
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        List<Object> parts = new ArrayList<>((List<Object>) snapshot);
        subscriptions = new LinkedHashMap<>((Map<String, SimSwapSubscription>) parts.get(0));
        notices = new HashMap<>((Map<String, SimSwapNotice>) parts.get(1));
        applied = new HashMap<>((Map<ContactKey, Instant>) parts.get(2));
    }
}
