package dev.trustgate.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Delivers one event to one subscription's endpoint (signed per Standard Webhooks by the adapter). */
public interface NotificationSender {

    /**
     * @param deliveryId stays the same across retries of one delivery (the {@code webhook-id})
     */
    Outcome deliver(Subscription subscription, String deliveryId, RecordedEvent event, Instant now);

    /** What the endpoint answered. */
    sealed interface Outcome {
        record Delivered() implements Outcome {
        }

        /** Try again later; {@code retryAfter} when the endpoint asked for a wait. */
        record RetryLater(String error, Optional<Duration> retryAfter) implements Outcome {
        }

        /** The endpoint answered 410 Gone: stop sending to it. */
        record Gone() implements Outcome {
        }
    }
}
