package com.example.notifications;

import dev.trustgate.application.port.out.ApiKey;
import dev.trustgate.application.port.out.ApiKeyStore;
import dev.trustgate.application.port.out.NotificationSender;
import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.application.port.out.Subscription;
import dev.trustgate.application.port.out.SubscriptionStore;
import dev.trustgate.domain.BusinessNumberId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ports of trustgate features this product does not use. It tells its own systems what changed by reading
 * trustgate's event feed from its own database, so it keeps no webhook subscriptions (and nothing is ever
 * queued for delivery), and it authenticates its operators itself, so it keeps no API keys. Reads answer
 * "none"; anything that would start using one of these features is refused.
 */
final class NotUsedHere {

    private NotUsedHere() {
    }

    private static UnsupportedOperationException notUsed(String feature) {
        return new UnsupportedOperationException("the notification service does not use trustgate's " + feature);
    }

    /** No subscriptions: no event is ever queued for a webhook delivery. */
    static final class Subscriptions implements SubscriptionStore {
        @Override
        public void save(Subscription subscription) {
            throw notUsed("webhook subscriptions");
        }

        @Override
        public Optional<Subscription> find(String id) {
            return Optional.empty();
        }

        @Override
        public List<Subscription> list() {
            return List.of();
        }

        @Override
        public List<Subscription> enabledFor(BusinessNumberId business) {
            return List.of();
        }

        @Override
        public boolean delete(String id) {
            return false;
        }
    }

    /** Never written to: without subscriptions and without a webhook relay nothing is queued. */
    static final class Deliveries implements Outbox, NotificationSender {
        @Override
        public void enqueue(OutboxEntry entry) {
            throw notUsed("outbox");
        }

        @Override
        public List<Claim> claimDue(Instant now, int limit, int perDestination, Duration lease) {
            return List.of();
        }

        @Override
        public boolean markDelivered(Claim claim, Instant at) {
            return false;
        }

        @Override
        public boolean retryLater(Claim claim, int attempts, Instant nextAttemptAt, String lastError) {
            return false;
        }

        @Override
        public boolean park(Claim claim, int attempts, String lastError, Instant at) {
            return false;
        }

        @Override
        public int pruneDelivered(Instant before, int limit) {
            return 0;
        }

        @Override
        public List<OutboxEntry> listParked(Set<BusinessNumberId> businesses, boolean all, int limit) {
            return List.of();
        }

        @Override
        public Optional<OutboxEntry> find(String id) {
            return Optional.empty();
        }

        @Override
        public boolean redeliver(String id, Instant at) {
            return false;
        }

        @Override
        public boolean discardParked(String id) {
            return false;
        }

        @Override
        public Backlog backlog(Instant now) {
            return new Backlog(0, 0, Duration.ZERO);
        }

        @Override
        public Outcome deliver(Subscription subscription, String deliveryId, RecordedEvent event, Instant now) {
            throw notUsed("webhook deliveries");
        }

        @Override
        public Optional<String> problemWithUrl(String url) {
            return Optional.of("the notification service does not deliver trustgate's webhooks");
        }
    }

    /** Operators are the product's own users, handed to the use cases as a {@code Caller}. */
    static final class ApiKeys implements ApiKeyStore {
        @Override
        public void save(ApiKey key) {
            throw notUsed("API keys");
        }

        @Override
        public Optional<ApiKey> findByHash(String keyHash) {
            return Optional.empty();
        }

        @Override
        public Optional<ApiKey> find(String id) {
            return Optional.empty();
        }

        @Override
        public List<ApiKey> list() {
            return List.of();
        }

        @Override
        public boolean revoke(String id, Instant at) {
            return false;
        }
    }
}
