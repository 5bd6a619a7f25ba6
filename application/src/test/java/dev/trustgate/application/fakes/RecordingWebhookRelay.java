package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.NotificationSender.Outcome;
import dev.trustgate.application.port.out.WebhookRelay;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A relay that records what it passed on (enabled unless switched off). */
public final class RecordingWebhookRelay implements WebhookRelay {

    /** One relayed webhook. */
    public record Relayed(String rawBody, String trustHeader) {
    }

    private final List<Relayed> relayed = new CopyOnWriteArrayList<>();
    private volatile boolean enabled = true;

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public Outcome relay(String rawBody, String trustHeader) {
        relayed.add(new Relayed(rawBody, trustHeader));
        return new Outcome.Delivered();
    }

    public void disable() {
        enabled = false;
    }

    public List<Relayed> relayed() {
        return List.copyOf(relayed);
    }
}
