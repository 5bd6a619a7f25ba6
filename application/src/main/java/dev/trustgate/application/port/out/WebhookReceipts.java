package dev.trustgate.application.port.out;

import java.time.Instant;

/** Idempotency keys of processed webhook items, so a redelivery has no second effect. */
public interface WebhookReceipts {

    /** Records {@code key}; returns false (and changes nothing) when it was recorded before. */
    boolean record(String key, Instant at);
}
