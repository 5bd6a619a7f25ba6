package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactRef;
import dev.trustgate.domain.TrustEvent;
import dev.trustgate.domain.TrustState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Events published in a use case's transaction are appended at its end: the chain head is the last lock it takes. */
class EventsAtTheEndTest extends ServiceTestSupport {

    private static final BusinessNumberId OTHER = new BusinessNumberId("100000000000001");

    private static TrustEvent revoked(BusinessNumberId business, String reason) {
        return new TrustEvent.TrustRevoked(new ContactRef(new ContactKey(business, new ContactId("ct_1")), NAMES),
                Instant.parse("2026-06-01T12:00:00Z"), new Actor("key_alice"), TrustState.UNVERIFIED, reason);
    }

    private List<String> reasons(BusinessNumberId business) {
        return services.transactions.inTransaction(() -> core.events.read(business, 0, 100)).stream()
                .map(e -> e.data().get("reason")).toList();
    }

    @Test
    void noEventIsAppendedBeforeTheWorkIsDoneAndEveryOneIsAfterTheCommit() {
        List<List<RecordedEvent>> seenDuringTheWork = new ArrayList<>();

        services.transactions.inTransaction(() -> {
            services.publisher.publish(List.of(revoked(BUSINESS, "first")));
            services.transactions.inTransaction(() -> {
                services.publisher.publish(List.of(revoked(OTHER, "nested")));
                return null;
            });
            services.publisher.publish(List.of(revoked(BUSINESS, "second")));
            seenDuringTheWork.add(core.events.read(BUSINESS, 0, 100));
            seenDuringTheWork.add(core.events.read(OTHER, 0, 100));
            return null;
        });

        assertThat(seenDuringTheWork).containsExactly(List.of(), List.of());
        assertThat(reasons(BUSINESS)).containsExactly("first", "second");
        assertThat(reasons(OTHER)).containsExactly("nested");
    }

    @Test
    void aRetriedTransactionAppendsTheEventsOfItsLastAttemptOnly() {
        AtomicInteger attempts = new AtomicInteger();

        services.transactions.inTransaction(() -> {
            int attempt = attempts.incrementAndGet();
            services.publisher.publish(List.of(revoked(BUSINESS, "attempt " + attempt)));
            if (attempt < 3) {
                throw new ConcurrentUpdateException("lost");
            }
            return null;
        });

        assertThat(reasons(BUSINESS)).containsExactly("attempt 3");
    }
}
