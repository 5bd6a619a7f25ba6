package dev.trustgate.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Delivers one event to one subscription's endpoint (signed per Standard Webhooks by the adapter). An
 * attempt ends within the adapter's total deadline (connect, headers and body) whatever the endpoint
 * does, and never throws for anything the endpoint or its URL does: it answers with an outcome.
 */
public interface NotificationSender {

    /**
     * @param deliveryId stays the same across retries of one delivery (the {@code webhook-id})
     */
    Outcome deliver(Subscription subscription, String deliveryId, RecordedEvent event, Instant now);

    /**
     * Why this sender could never deliver to {@code url} (it does not parse as a URL it can call);
     * empty when it can. Subscriptions are checked with it when they are created.
     */
    Optional<String> problemWithUrl(String url);

    /** What the endpoint answered. */
    sealed interface Outcome {

        /** Hands this outcome to the function for its kind (see {@link dev.trustgate.domain.CommandResult#fold}). */
        <R> R fold(Function<? super Delivered, ? extends R> delivered, Function<? super RetryLater, ? extends R> retryLater,
                   Function<? super Gone, ? extends R> gone, Function<? super Refused, ? extends R> refused);

        /** The endpoint accepted the delivery. */
        record Delivered() implements Outcome {
            @Override
            public <R> R fold(Function<? super Delivered, ? extends R> delivered, Function<? super RetryLater, ? extends R> retryLater,
                              Function<? super Gone, ? extends R> gone, Function<? super Refused, ? extends R> refused) {
                return delivered.apply(this);
            }
        }

        /** Try again later; {@code retryAfter} when the endpoint asked for a wait. */
        record RetryLater(String error, Optional<Duration> retryAfter) implements Outcome {
            @Override
            public <R> R fold(Function<? super Delivered, ? extends R> delivered, Function<? super RetryLater, ? extends R> retryLater,
                              Function<? super Gone, ? extends R> gone, Function<? super Refused, ? extends R> refused) {
                return retryLater.apply(this);
            }
        }

        /** The endpoint answered 410 Gone: stop sending to it. */
        record Gone() implements Outcome {
            @Override
            public <R> R fold(Function<? super Delivered, ? extends R> delivered, Function<? super RetryLater, ? extends R> retryLater,
                              Function<? super Gone, ? extends R> gone, Function<? super Refused, ? extends R> refused) {
                return gone.apply(this);
            }
        }

        /** No attempt could ever succeed as things stand (e.g. the URL cannot be used): park the entry now. */
        record Refused(String error) implements Outcome {
            @Override
            public <R> R fold(Function<? super Delivered, ? extends R> delivered, Function<? super RetryLater, ? extends R> retryLater,
                              Function<? super Gone, ? extends R> gone, Function<? super Refused, ? extends R> refused) {
                return refused.apply(this);
            }
        }
    }
}
