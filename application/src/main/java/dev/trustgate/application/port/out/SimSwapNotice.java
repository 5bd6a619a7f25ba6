package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import java.time.Instant;

/**
 * One notice a mobile operator sent about a SIM-swap subscription (a CloudEvent), as received: its {@code source} and
 * {@code id} together name it once (CloudEvents 1.0), so a redelivery is recognised; {@code time} is when it happened.
 */
public record SimSwapNotice(String source, String id, BusinessNumberId business, String subscriptionId, String type,
                            Instant time, Instant receivedAt) {

    public SimSwapNotice {
        if (source == null || id == null || business == null || subscriptionId == null || type == null || time == null
                || receivedAt == null) {
            throw new IllegalArgumentException("a SIM-swap notice names its source, id, business, subscription, type and times");
        }
    }
}
