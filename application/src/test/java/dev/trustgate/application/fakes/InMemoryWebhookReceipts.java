package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.WebhookReceipts;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

public final class InMemoryWebhookReceipts implements WebhookReceipts, InMemoryState {

    private Map<String, Instant> receipts = new HashMap<>();

    @Override
    public synchronized boolean record(String key, Instant at) {
        return receipts.putIfAbsent(key, at) == null;
    }

    /** Whether {@code key} was recorded, for a test to ask. */
    public synchronized boolean contains(String key) {
        return receipts.containsKey(key);
    }

    @Override
    public synchronized Object snapshot() {
        return new HashMap<>(receipts);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        receipts = new HashMap<>((Map<String, Instant>) snapshot);
    }
}
