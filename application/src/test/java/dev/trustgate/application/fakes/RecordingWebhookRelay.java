package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.NotificationSender.Outcome;
import dev.trustgate.application.port.out.WebhookRelay;
import dev.trustgate.domain.BusinessNumberId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A relay that records what it passed on: a default relay (unless switched off) and any business numbers
 * given a relay of their own.
 */
public final class RecordingWebhookRelay implements WebhookRelay {

    /** One relayed webhook and the destination it went to. */
    public record Relayed(String destination, String rawBody, String trustHeader) {
    }

    private final List<Relayed> relayed = new CopyOnWriteArrayList<>();
    private final Set<BusinessNumberId> own = ConcurrentHashMap.newKeySet();
    private volatile boolean defaultRelay = true;

    @Override
    public boolean enabled() {
        return defaultRelay || !own.isEmpty();
    }

    @Override
    public Optional<String> destination(Optional<BusinessNumberId> business) {
        if (business.isPresent() && own.contains(business.get())) {
            return Optional.of(WebhookRelay.destinationOf(business.get()));
        }
        return defaultRelay ? Optional.of(DEFAULT_DESTINATION) : Optional.empty();
    }

    @Override
    public Outcome relay(String destination, String body, String trustHeader) {
        relayed.add(new Relayed(destination, body, trustHeader));
        return new Outcome.Delivered();
    }

    /** No relay at all. */
    public void disable() {
        defaultRelay = false;
        own.clear();
    }

    /** No default relay: only business numbers with a relay of their own are relayed. */
    public void withoutDefault() {
        defaultRelay = false;
    }

    /** {@code business} gets a relay of its own. */
    public void ownRelayFor(BusinessNumberId business) {
        own.add(business);
    }

    public List<Relayed> relayed() {
        return List.copyOf(relayed);
    }

    public List<Relayed> relayedTo(String destination) {
        return relayed.stream().filter(r -> r.destination().equals(destination)).toList();
    }
}
