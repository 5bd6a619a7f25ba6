package dev.trustgate.bootstrap;

import dev.trustgate.adapters.persistence.JdbiStatistics.Counts;
import dev.trustgate.domain.TrustState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Gauges of what is stored across every business number — contacts by trust state, messages held — read from the
 * database at most once per {@code maxAge}, however often Prometheus scrapes, since each read counts whole tables.
 * When the database does not answer, the gauges keep the last counts (readiness says the rest).
 */
final class StoredCounts {

    private final Supplier<Counts> source;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private Counts counts = new Counts(java.util.Map.of(), 0);
    private long readAt;
    private boolean read;

    StoredCounts(Supplier<Counts> source, Duration maxAge, LongSupplier nanoTime) {
        this.source = source;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    void bindTo(MeterRegistry registry) {
        for (TrustState state : TrustState.values()) {
            Gauge.builder("trustgate_contacts", () -> current().contactsByState().getOrDefault(state.name(), 0L))
                    .description("contacts in each trust state, over every business number (counted at most every few seconds)")
                    .tag("state", state.name()).register(registry);
        }
        Gauge.builder("trustgate_held_messages", () -> current().heldMessages())
                .description("messages held for a person to release or discard, over every business number").register(registry);
    }

    /** The counts, read again when the last read is older than the maximum age. */
    synchronized Counts current() {
        long now = nanoTime.getAsLong();
        if (!read || now - readAt >= maxAgeNanos) {
            read = true;
            readAt = now;
            try {
                counts = source.get();
            } catch (RuntimeException e) {
                // storage down: keep the last counts until the next read is due
            }
        }
        return counts;
    }
}
