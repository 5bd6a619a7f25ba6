package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.out.Outbox.Backlog;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@MethodSource("dev.trustgate.adapters.persistence.Storages#kinds")
class OutboxContractTest extends StorageContract {

    OutboxContractTest() {
        super("outbox");
    }

    static final BusinessNumberId BUSINESS = new BusinessNumberId("111");
    static final Duration LEASE = Duration.ofSeconds(30);

    void enqueue(String id, String destination, String line, Instant due) {
        storage.tx(() -> {
            storage.outbox().enqueue(OutboxEntry.pending(id, BUSINESS, OutboxEntry.Kind.EVENT, destination, line,
                    Optional.of(1L), Optional.empty(), due));
            return null;
        });
    }

    List<String> claim(Instant now) {
        return storage.tx(() -> storage.outbox().claimDue(now, 100, LEASE)).stream().map(OutboxEntry::id).toList();
    }

    @Test
    void onlyTheFirstUndeliveredEntryOfALineIsDue() {
        enqueue("a1", "sub_1", "contact_a", Fixtures.T0);
        enqueue("a2", "sub_1", "contact_a", Fixtures.T0);
        enqueue("b1", "sub_1", "contact_b", Fixtures.T0);
        enqueue("x1", "sub_2", "contact_a", Fixtures.T0);

        assertThat(claim(Fixtures.t(1))).containsExactly("a1", "b1", "x1");
        storage.tx(() -> {
            storage.outbox().markDelivered("a1", Fixtures.t(2));
            return null;
        });
        assertThat(claim(Fixtures.t(3))).as("claimed entries stay hidden for their lease").containsExactly("a2");
    }

    @Test
    void aClaimedEntryComesBackWhenItsLeaseRunsOut() {
        enqueue("a1", "sub_1", "contact_a", Fixtures.T0);

        assertThat(claim(Fixtures.t(1))).containsExactly("a1");
        assertThat(claim(Fixtures.t(2))).isEmpty();
        assertThat(claim(Fixtures.t(1).plus(LEASE))).containsExactly("a1");
    }

    @Test
    void aRetryWaitsForItsTimeAndKeepsItsLineInOrder() {
        enqueue("a1", "sub_1", "contact_a", Fixtures.T0);
        enqueue("a2", "sub_1", "contact_a", Fixtures.T0);
        claim(Fixtures.t(1));
        storage.tx(() -> {
            storage.outbox().retryLater("a1", 1, Fixtures.t(60), "HTTP 503");
            return null;
        });

        assertThat(claim(Fixtures.t(30))).isEmpty();
        assertThat(claim(Fixtures.t(60))).containsExactly("a1");
        assertThat(storage.tx(() -> storage.outbox().find("a1"))).hasValueSatisfying(e -> {
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.lastError()).contains("HTTP 503");
        });
    }

    @Test
    void aParkedEntryHoldsBackItsLineOnlyAndCanBeRedeliveredOrDiscarded() {
        enqueue("a1", "sub_1", "contact_a", Fixtures.T0);
        enqueue("a2", "sub_1", "contact_a", Fixtures.T0);
        enqueue("b1", "sub_1", "contact_b", Fixtures.T0);
        claim(Fixtures.t(1));
        storage.tx(() -> {
            storage.outbox().park("a1", 12, "HTTP 500 after 12 attempts", Fixtures.t(2));
            storage.outbox().markDelivered("b1", Fixtures.t(2));
            return null;
        });

        assertThat(claim(Fixtures.t(100))).isEmpty();
        assertThat(storage.tx(() -> storage.outbox().listParked(Set.of(BUSINESS), false, 10)))
                .extracting(OutboxEntry::id).containsExactly("a1");
        assertThat(storage.tx(() -> storage.outbox().listParked(Set.of(new BusinessNumberId("222")), false, 10))).isEmpty();
        assertThat(storage.tx(() -> storage.outbox().backlog(Fixtures.t(100))))
                .isEqualTo(new Backlog(1, 1, Duration.ofSeconds(100)));

        assertThat(storage.tx(() -> storage.outbox().redeliver("a1", Fixtures.t(101)))).isTrue();
        assertThat(storage.tx(() -> storage.outbox().redeliver("a1", Fixtures.t(101)))).as("no longer parked").isFalse();
        assertThat(claim(Fixtures.t(101))).containsExactly("a1");
        storage.tx(() -> {
            storage.outbox().park("a1", 12, "still failing", Fixtures.t(102));
            return null;
        });
        assertThat(storage.tx(() -> storage.outbox().discardParked("a1"))).isTrue();
        assertThat(claim(Fixtures.t(103))).containsExactly("a2");
    }
}
