package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import java.time.Instant;
import java.util.Set;

/**
 * A business's webhook endpoint for trust events. Empty {@code eventTypes} means every type; empty
 * {@code businesses} (only possible for the admin) every business number. {@code secret} is the
 * HMAC key (Standard Webhooks), shown to the caller once.
 */
public record Subscription(String id, String ownerKeyId, String url, Set<String> eventTypes, Set<BusinessNumberId> businesses,
                           byte[] secret, boolean enabled, Instant createdAt) {

    public Subscription {
        eventTypes = Set.copyOf(eventTypes);
        businesses = Set.copyOf(businesses);
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** Enabled, and scoped to {@code business} (or to every business number). */
    public boolean covers(BusinessNumberId business) {
        return enabled && (businesses.isEmpty() || businesses.contains(business));
    }

    public boolean matches(BusinessNumberId business, String eventType) {
        return covers(business) && (eventTypes.isEmpty() || eventTypes.contains(eventType));
    }

    public Subscription disabled() {
        return new Subscription(id, ownerKeyId, url, eventTypes, businesses, secret, false, createdAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Subscription s && s.id.equals(id) && s.url.equals(url) && s.enabled == enabled
                && s.eventTypes.equals(eventTypes) && s.businesses.equals(businesses)
                && java.util.Arrays.equals(s.secret, secret) && s.ownerKeyId.equals(ownerKeyId) && s.createdAt.equals(createdAt);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Subscription[" + id + " " + url + " " + eventTypes + " enabled=" + enabled + "]";
    }
}
