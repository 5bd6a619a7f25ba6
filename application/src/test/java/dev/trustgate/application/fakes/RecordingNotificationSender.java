package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.NotificationSender;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.application.port.out.Subscription;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every delivery attempt and answers as scripted (delivered by default). */
public final class RecordingNotificationSender implements NotificationSender {

    /** One attempt. */
    public record Attempt(String subscriptionId, String deliveryId, RecordedEvent event, Outcome outcome) {
    }

    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final Deque<Outcome> script = new ArrayDeque<>();

    @Override
    public synchronized Outcome deliver(Subscription subscription, String deliveryId, RecordedEvent event, Instant now) {
        Outcome outcome = script.isEmpty() ? new Outcome.Delivered() : script.removeFirst();
        attempts.add(new Attempt(subscription.id(), deliveryId, event, outcome));
        return outcome;
    }

    public synchronized void answerNext(Outcome outcome) {
        script.addLast(outcome);
    }

    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }
}
