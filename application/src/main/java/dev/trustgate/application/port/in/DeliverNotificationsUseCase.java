package dev.trustgate.application.port.in;

import java.util.concurrent.Executor;

/**
 * Delivers due notifications and relayed webhooks: each event to each subscription, in event order per
 * contact, at least once, on a Svix-like retry schedule with jitter, honouring Retry-After, parking an
 * entry after its retry budget (or at once when it can never be delivered) and disabling an endpoint
 * that answers 410. Claims are fair across destinations and each attempt has a total deadline, so one
 * tenant's broken endpoint cannot delay another's deliveries. Several nodes may run it at once.
 */
public interface DeliverNotificationsUseCase {

    /**
     * Claims up to {@code max} due entries and hands the attempt for each to {@code workers} (one task
     * per entry; each task settles its own entry). Returns how many were claimed.
     */
    int deliverDue(int max, Executor workers);

    /** Claims and delivers up to {@code max} due entries one after another on the calling thread. */
    default int deliverDue(int max) {
        return deliverDue(max, Runnable::run);
    }
}
