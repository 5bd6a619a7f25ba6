package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.adapters.persistence.JdbiStatistics.Counts;
import dev.trustgate.application.port.out.StorageUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Contacts by state and held messages are counted at most once per interval however often they are scraped. */
class StoredCountsTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicReference<Counts> stored = new AtomicReference<>(new Counts(Map.of("TRUSTED", 3L), 2));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    StoredCountsTest() {
        new StoredCounts(() -> {
            reads.incrementAndGet();
            Counts counts = stored.get();
            if (counts == null) {
                throw new StorageUnavailableException("down", null);
            }
            return counts;
        }, Duration.ofSeconds(15), now::get).bindTo(registry);
    }

    private double gauge(String name, String state) {
        return state == null ? registry.get(name).gauge().value() : registry.get(name).tag("state", state).gauge().value();
    }

    @Test
    void scrapesWithinTheIntervalReuseOneReadAndEveryStateIsShown() {
        assertThat(gauge("trustgate_contacts", "TRUSTED")).isEqualTo(3);
        assertThat(gauge("trustgate_contacts", "IDENTITY_CHANGED")).isZero();
        assertThat(gauge("trustgate_held_messages", null)).isEqualTo(2);
        stored.set(new Counts(Map.of("TRUSTED", 4L), 0));
        now.addAndGet(Duration.ofSeconds(14).toNanos());
        assertThat(gauge("trustgate_contacts", "TRUSTED")).isEqualTo(3);
        assertThat(reads).hasValue(1);

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(gauge("trustgate_contacts", "TRUSTED")).isEqualTo(4);
        assertThat(gauge("trustgate_held_messages", null)).isZero();
        assertThat(reads).hasValue(2);
    }

    @Test
    void whenTheDatabaseDoesNotAnswerTheLastCountsStayUntilTheNextReadIsDue() {
        assertThat(gauge("trustgate_held_messages", null)).isEqualTo(2);
        stored.set(null);
        now.addAndGet(Duration.ofSeconds(15).toNanos());

        assertThat(gauge("trustgate_held_messages", null)).isEqualTo(2);
        assertThat(gauge("trustgate_contacts", "TRUSTED")).isEqualTo(3);
        assertThat(reads).as("not retried at every scrape").hasValue(2);
    }
}
