package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.NotificationSender;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.application.port.out.Subscription;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every delivery attempt and answers as scripted (delivered by default). */
public final class RecordingNotificationSender implements NotificationSender {

    /** One attempt. */
    public record Attempt(String subscriptionId, String deliveryId, RecordedEvent event, Outcome outcome) {
    }

    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final Deque<Outcome> script = new ArrayDeque<>();
    private final Map<String, RuntimeException> failures = new HashMap<>();

    @Override
    public synchronized Outcome deliver(Subscription subscription, String deliveryId, RecordedEvent event, Instant now) {
        RuntimeException failure = failures.get(subscription.url());
        if (failure != null) {
            throw failure;
        }
        Outcome outcome = script.isEmpty() ? new Outcome.Delivered() : script.removeFirst();
        attempts.add(new Attempt(subscription.id(), deliveryId, event, outcome));
        return outcome;
    }

    /** Refuses what {@code java.net.URI} cannot parse into an http(s) URL with a host, as the real sender does. */
    @Override
    public Optional<String> problemWithUrl(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            return uri.getHost() == null ? Optional.of("it names no host") : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Throws {@code failure} for every delivery to {@code url}, as a broken adapter would. */
    public synchronized void failFor(String url, RuntimeException failure) {
        failures.put(url, failure);
    }

    public synchronized void answerNext(Outcome outcome) {
        script.addLast(outcome);
    }

    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }
}
