package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.out.Outbox.Backlog;
import dev.trustgate.application.port.out.Outbox.Claim;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        return claims(now, 100, 100).stream().map(c -> c.entry().id()).toList();
    }

    List<Claim> claims(Instant now, int limit, int perDestination) {
        List<Claim> claimed = storage.tx(() -> storage.outbox().claimDue(now, limit, perDestination, LEASE));
        claimed.forEach(c -> held.put(c.entry().id(), c));
        return claimed;
    }

    /** The latest claim of each entry. */
    private final Map<String, Claim> held = new HashMap<>();

    boolean settle(java.util.function.Supplier<Boolean> change) {
        return storage.tx(change::get);
    }

    OutboxEntry.Status status(String id) {
        return storage.tx(() -> storage.outbox().find(id)).orElseThrow().status();
    }

    @Test
    void onlyTheFirstUndeliveredEntryOfALineIsDue() {
        enqueue("a1", "sub_1", "contact_a", Fixtures.T0);
        enqueue("a2", "sub_1", "contact_a", Fixtures.T0);
        enqueue("b1", "sub_1", "contact_b", Fixtures.T0);
        enqueue("x1", "sub_2", "contact_a", Fixtures.T0);

        assertThat(claim(Fixtures.t(1))).as("round the destinations").containsExactly("a1", "x1", "b1");
        assertThat(settle(() -> storage.outbox().markDelivered(held.get("a1"), Fixtures.t(2)))).isTrue();
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
        assertThat(settle(() -> storage.outbox().retryLater(held.get("a1"), 1, Fixtures.t(60), "HTTP 503"))).isTrue();

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
            storage.outbox().park(held.get("a1"), 12, "HTTP 500 after 12 attempts", Fixtures.t(2));
            storage.outbox().markDelivered(held.get("b1"), Fixtures.t(2));
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
        assertThat(settle(() -> storage.outbox().park(held.get("a1"), 12, "still failing", Fixtures.t(102)))).isTrue();
        assertThat(storage.tx(() -> storage.outbox().discardParked("a1"))).isTrue();
        assertThat(claim(Fixtures.t(103))).containsExactly("a2");
    }

    /** A webhook about the WhatsApp Business Account (a template status) concerns no business number. */
    @Test
    void aRelayedWebhookConcerningNoBusinessNumberIsKeptInItsOwnLineAndListedToTheAdminOnly() {
        storage.tx(() -> {
            storage.outbox().enqueue(OutboxEntry.relay("rly_1", Optional.empty(), "relay", "{\"template\":1}", "", Fixtures.T0));
            storage.outbox().enqueue(OutboxEntry.relay("rly_2", Optional.empty(), "relay", "{\"template\":2}", "", Fixtures.T0));
            storage.outbox().enqueue(OutboxEntry.relay("rly_3", Optional.of(BUSINESS), "relay:111", "{}", "1=UNVERIFIED", Fixtures.T0));
            return null;
        });

        assertThat(claim(Fixtures.t(1))).containsExactly("rly_1", "rly_3");
        assertThat(storage.tx(() -> storage.outbox().find("rly_1"))).hasValueSatisfying(e -> {
            assertThat(e.business()).isEmpty();
            assertThat(e.orderingKey()).isEqualTo(OutboxEntry.NO_BUSINESS_LINE);
            assertThat(e.payload()).contains("{\"template\":1}");
        });
        assertThat(storage.tx(() -> storage.outbox().find("rly_3"))).hasValueSatisfying(e -> {
            assertThat(e.business()).contains(BUSINESS);
            assertThat(e.destination()).isEqualTo("relay:111");
            assertThat(e.trustHeader()).contains("1=UNVERIFIED");
        });
        assertThat(settle(() -> storage.outbox().park(held.get("rly_1"), 8, "HTTP 500", Fixtures.t(2)))).isTrue();
        assertThat(storage.tx(() -> storage.outbox().listParked(Set.of(BUSINESS), false, 10))).isEmpty();
        assertThat(storage.tx(() -> storage.outbox().listParked(Set.of(), true, 10))).extracting(OutboxEntry::id)
                .containsExactly("rly_1");
        assertThat(claim(Fixtures.t(3))).as("held back by the parked one").isEmpty();
    }

    @Test
    void aSettleByAClaimWhoseLeaseRanOutChangesNothing() {
        enqueue("a1", "sub_1", "contact_a", Fixtures.T0);
        Claim expired = claims(Fixtures.t(1), 10, 10).get(0);
        Claim current = claims(Fixtures.t(1).plus(LEASE), 10, 10).get(0);
        assertThat(current.entry().id()).as("the lease ran out: another claimer holds the entry now").isEqualTo("a1");
        assertThat(current.token()).isNotEqualTo(expired.token());

        assertThat(settle(() -> storage.outbox().retryLater(expired, 1, Fixtures.t(45), "timed out"))).isFalse();
        assertThat(settle(() -> storage.outbox().markDelivered(current, Fixtures.t(40)))).isTrue();
        assertThat(settle(() -> storage.outbox().retryLater(expired, 1, Fixtures.t(45), "timed out")))
                .as("a late settle cannot rewind a delivered entry").isFalse();
        assertThat(settle(() -> storage.outbox().park(expired, 8, "timed out", Fixtures.t(45)))).isFalse();
        assertThat(settle(() -> storage.outbox().markDelivered(current, Fixtures.t(50)))).as("settled once").isFalse();
        assertThat(storage.tx(() -> storage.outbox().find("a1"))).hasValueSatisfying(e -> {
            assertThat(e.status()).isEqualTo(OutboxEntry.Status.DELIVERED);
            assertThat(e.attempts()).isEqualTo(1);
        });
    }

    @Test
    void claimsGoRoundTheDestinationsAndKeepEachToItsShareOfEntriesInFlight() {
        for (int i = 1; i <= 6; i++) {
            enqueue("slow_" + i, "sub_slow", "contact_" + i, Fixtures.T0);
        }
        enqueue("fast_1", "sub_fast", "contact_1", Fixtures.T0);
        enqueue("fast_2", "sub_fast", "contact_2", Fixtures.T0);
        enqueue("relay_1", "relay", "111", Fixtures.T0);

        assertThat(claims(Fixtures.t(1), 5, 2)).extracting(c -> c.entry().id())
                .as("each destination's oldest, then each one's second").containsExactly("slow_1", "fast_1", "relay_1",
                        "slow_2", "fast_2");
        assertThat(claims(Fixtures.t(2), 10, 2)).as("sub_slow already has its 2 in flight; so has sub_fast").isEmpty();

        assertThat(settle(() -> storage.outbox().markDelivered(held.get("slow_1"), Fixtures.t(3)))).isTrue();
        assertThat(claims(Fixtures.t(3), 10, 2)).extracting(c -> c.entry().id()).containsExactly("slow_3");
        assertThat(claims(Fixtures.t(1).plus(LEASE), 10, 2)).extracting(c -> c.entry().id())
                .as("expired leases no longer count (slow_3's still does); the least busy destinations go first")
                .containsExactly("fast_1", "relay_1", "slow_2", "fast_2");
    }

    @Test
    void deliveredEntriesArePrunedAfterTheRetentionOthersStay() {
        enqueue("old", "sub_1", "contact_a", Fixtures.T0);
        enqueue("recent", "sub_1", "contact_b", Fixtures.T0);
        enqueue("parked", "sub_1", "contact_c", Fixtures.T0);
        enqueue("pending", "sub_1", "contact_d", Fixtures.T0);
        claim(Fixtures.t(1));
        storage.tx(() -> {
            storage.outbox().markDelivered(held.get("old"), Fixtures.t(10));
            storage.outbox().markDelivered(held.get("recent"), Fixtures.t(100));
            storage.outbox().park(held.get("parked"), 8, "HTTP 500", Fixtures.t(10));
            return null;
        });

        assertThat(storage.tx(() -> storage.outbox().pruneDelivered(Fixtures.t(50), 10))).isEqualTo(1);
        assertThat(storage.tx(() -> storage.outbox().find("old"))).isEmpty();
        assertThat(status("recent")).isEqualTo(OutboxEntry.Status.DELIVERED);
        assertThat(status("parked")).isEqualTo(OutboxEntry.Status.PARKED);
        assertThat(status("pending")).isEqualTo(OutboxEntry.Status.PENDING);
        assertThat(storage.tx(() -> storage.outbox().pruneDelivered(Fixtures.t(50), 10))).isZero();
    }
}
