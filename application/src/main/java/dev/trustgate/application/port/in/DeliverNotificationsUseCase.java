package dev.trustgate.application.port.in;

/**
 * Delivers due notifications: each event to each subscription, in event order per contact, at least
 * once, with exponential backoff and jitter, honouring Retry-After, parking an entry after its retry
 * budget and disabling an endpoint that answers 410. Several nodes may run it at once.
 */
public interface DeliverNotificationsUseCase {

    /** Delivers up to {@code max} due entries; returns how many were attempted. */
    int deliverDue(int max);
}
