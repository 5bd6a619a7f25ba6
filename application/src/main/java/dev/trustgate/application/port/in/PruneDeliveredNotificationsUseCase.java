package dev.trustgate.application.port.in;

import java.time.Duration;

/**
 * Deletes delivered notifications and relayed webhooks once they are older than the retention: relay
 * payloads are customers' messages and are not kept longer than that. Parked and pending entries stay.
 */
public interface PruneDeliveredNotificationsUseCase {

    /** Deletes the entries delivered more than {@code retention} ago; returns how many. */
    int pruneDelivered(Duration retention);
}
