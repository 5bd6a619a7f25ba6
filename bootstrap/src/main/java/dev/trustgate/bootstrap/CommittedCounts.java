package dev.trustgate.bootstrap;

import dev.trustgate.application.port.out.EventLog;
import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * trustgate's domain counts, taken at the edge from what its transactions commit: every event appended to the log (by
 * type, identity changes also by their source) and every settled delivery (delivered, retried or parked, and how long
 * a delivered one waited). The storage ports are wrapped and the use cases left alone; whatever a transaction did is
 * counted only once it committed, so a transaction retried after losing a race, or rolled back, counts once or not at
 * all.
 */
final class CommittedCounts {

    /** Delivery lag buckets: from a first attempt at once to the retry schedule's hours. */
    private static final Duration[] LAG_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(5),
            Duration.ofHours(10)};

    private final MeterRegistry registry;
    /** The counts the transaction running on this thread would make: made at its commit, dropped at its rollback. */
    private final ThreadLocal<List<Runnable>> uncommitted = new ThreadLocal<>();

    CommittedCounts(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * The storage's {@code transactions} (one per call: retries, group commits and joining are composed over them),
     * whose commits make the counts their work collected.
     */
    Transactions transactions(Transactions transactions) {
        return new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                if (uncommitted.get() != null) {
                    return transactions.inTransaction(work); // the storage refuses it; the running one keeps its counts
                }
                List<Runnable> counts = new ArrayList<>();
                uncommitted.set(counts);
                T result;
                try {
                    result = transactions.inTransaction(work);
                } finally {
                    uncommitted.remove();
                }
                counts.forEach(Runnable::run);
                return result;
            }
        };
    }

    private void atCommit(Runnable count) {
        List<Runnable> counts = uncommitted.get();
        if (counts == null) {
            count.run();
        } else {
            counts.add(count);
        }
    }

    /** {@code events} counting what is appended. */
    EventLog events(EventLog events) {
        return new EventLog() {
            @Override
            public List<RecordedEvent> append(BusinessNumberId business, List<dev.trustgate.domain.TrustEvent> appended) {
                List<RecordedEvent> recorded = events.append(business, appended);
                atCommit(() -> recorded.forEach(CommittedCounts.this::count));
                return recorded;
            }

            @Override
            public List<RecordedEvent> read(BusinessNumberId business, long after, int limit) {
                return events.read(business, after, limit);
            }

            @Override
            public long head(BusinessNumberId business) {
                return events.head(business);
            }

            @Override
            public List<RecordedEvent> readContact(List<ContactKey> contacts, int limit) {
                return events.readContact(contacts, limit);
            }

            @Override
            public AuditVerification verify(BusinessNumberId business) {
                return events.verify(business);
            }
        };
    }

    private void count(RecordedEvent event) {
        Counter.builder("trustgate_events").description("trust events recorded, by type (identity.changed, trust.broken, "
                + "message.blocked, identity.acknowledged, message.held, …)").tag("type", event.type()).register(registry).increment();
        if (event.type().equals("identity.changed")) {
            Counter.builder("trustgate_identity_changes").description("identity changes recorded, by the source of the signal")
                    .tag("source", event.data().getOrDefault("source", "unknown")).register(registry).increment();
        }
    }

    /** {@code outbox} counting what becomes of each delivery attempt. */
    Outbox outbox(Outbox outbox) {
        return new Outbox() {
            @Override
            public void enqueue(OutboxEntry entry) {
                outbox.enqueue(entry);
            }

            @Override
            public void enqueueAll(List<OutboxEntry> entries) {
                outbox.enqueueAll(entries);
            }

            @Override
            public List<Claim> claimDue(Instant now, int limit, int perDestination, Duration lease) {
                return outbox.claimDue(now, limit, perDestination, lease);
            }

            @Override
            public boolean markDelivered(Claim claim, Instant at) {
                boolean applied = outbox.markDelivered(claim, at);
                if (applied) {
                    atCommit(() -> {
                        settled(claim, "delivered");
                        Timer.builder("trustgate_delivery_lag").description("how long a delivered notification or relayed "
                                        + "webhook waited from being queued to being delivered")
                                .tag("kind", kind(claim.entry())).serviceLevelObjectives(LAG_BUCKETS).register(registry)
                                .record(Duration.between(claim.entry().createdAt(), at));
                    });
                }
                return applied;
            }

            @Override
            public boolean retryLater(Claim claim, int attempts, Instant nextAttemptAt, String lastError) {
                boolean applied = outbox.retryLater(claim, attempts, nextAttemptAt, lastError);
                if (applied) {
                    atCommit(() -> settled(claim, "retried"));
                }
                return applied;
            }

            @Override
            public boolean park(Claim claim, int attempts, String lastError, Instant at) {
                boolean applied = outbox.park(claim, attempts, lastError, at);
                if (applied) {
                    atCommit(() -> settled(claim, "parked"));
                }
                return applied;
            }

            @Override
            public int pruneDelivered(Instant before, int limit) {
                return outbox.pruneDelivered(before, limit);
            }

            @Override
            public List<OutboxEntry> listParked(Set<BusinessNumberId> businesses, boolean all, int limit) {
                return outbox.listParked(businesses, all, limit);
            }

            @Override
            public Optional<OutboxEntry> find(String id) {
                return outbox.find(id);
            }

            @Override
            public boolean redeliver(String id, Instant at) {
                return outbox.redeliver(id, at);
            }

            @Override
            public boolean discardParked(String id) {
                return outbox.discardParked(id);
            }

            @Override
            public Backlog backlog(Instant now) {
                return outbox.backlog(now);
            }
        };
    }

    private void settled(Outbox.Claim claim, String outcome) {
        Counter.builder("trustgate_deliveries").description("delivery attempts of notifications and relayed webhooks, by what "
                        + "became of them: delivered, retried (failed, tried again later) or parked (out of retries)")
                .tag("kind", kind(claim.entry())).tag("outcome", outcome).register(registry).increment();
    }

    /** {@code notification} (an event to a subscription), {@code relay} (a webhook for the business's app), … */
    private static String kind(OutboxEntry entry) {
        return entry.kind() == OutboxEntry.Kind.EVENT ? "notification" : entry.kind().name().toLowerCase(Locale.ROOT);
    }
}
