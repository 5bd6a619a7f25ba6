package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.ManageSubscriptionsUseCase;
import dev.trustgate.application.port.out.NotificationSender.Outcome;
import dev.trustgate.application.port.out.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PruneDeliveredNotificationsServiceTest extends ServiceTestSupport {

    private static final Duration RETENTION = Duration.ofDays(7);
    private static final int BATCH = PruneDeliveredNotificationsService.BATCH;

    private void runDispatcher() {
        while (services.deliverNotifications.deliverDue(10) > 0) {
            // keep going until nothing is due now
        }
    }

    /** {@code count} entries of {@code status}, each last touched (delivered, parked, retried) at {@code at}. */
    private void entries(String prefix, int count, OutboxEntry.Status status, Instant at) {
        IntStream.range(0, count).forEach(i -> core.outbox.enqueue(new OutboxEntry(prefix + i, Optional.of(BUSINESS),
                OutboxEntry.Kind.EVENT, "sub_crm", prefix + i, 0, Optional.of((long) i), Optional.empty(), Optional.empty(), 1, at,
                status, Optional.empty(), at)));
    }

    private long left(OutboxEntry.Status status) {
        return core.outbox.all().stream().filter(e -> e.status() == status).count();
    }

    private Instant longAgo() {
        return core.clock.now().minus(RETENTION).minusSeconds(1);
    }

    @Test
    void deliveredEntriesArePrunedAfterTheRetention() {
        services.subscriptions.create(new ManageSubscriptionsUseCase.CreateCommand(ALICE, "http://crm/hooks", Set.of(), Set.of()));
        optIn();
        baseline();
        runDispatcher();
        identityChanges();
        core.notifications.answerNext(new Outcome.RetryLater("HTTP 503", Optional.empty()));
        runDispatcher();
        core.clock.advance(Duration.ofDays(7).plusSeconds(1));

        assertThat(services.pruneDeliveries.pruneDelivered(Duration.ofDays(7).plusSeconds(2))).isZero();
        assertThat(services.pruneDeliveries.pruneDelivered(Duration.ofDays(7))).isEqualTo(1);
        assertThat(core.outbox.backlog(core.clock.now()).pending()).as("undelivered entries stay").isEqualTo(2);
    }

    @Test
    void manyDeliveredEntriesGoInBatchesEachItsOwnTransactionUntilABatchComesBackShort() {
        entries("old", 2 * BATCH + 1, OutboxEntry.Status.DELIVERED, longAgo());
        int before = core.transactions.count();

        assertThat(services.pruneDeliveries.pruneDelivered(RETENTION)).isEqualTo(2 * BATCH + 1);

        assertThat(core.transactions.count() - before).as("two full batches, then the short one").isEqualTo(3);
        assertThat(core.outbox.all()).isEmpty();
    }

    @Test
    void exactlyOneBatchTakesASecondLookToKnowNothingIsLeftAndAShortBatchNone() {
        entries("old", BATCH, OutboxEntry.Status.DELIVERED, longAgo());
        int before = core.transactions.count();
        assertThat(services.pruneDeliveries.pruneDelivered(RETENTION)).isEqualTo(BATCH);
        assertThat(core.transactions.count() - before).isEqualTo(2);

        entries("later", BATCH - 1, OutboxEntry.Status.DELIVERED, longAgo());
        before = core.transactions.count();
        assertThat(services.pruneDeliveries.pruneDelivered(RETENTION)).isEqualTo(BATCH - 1);
        assertThat(core.transactions.count() - before).isEqualTo(1);
        assertThat(core.outbox.all()).isEmpty();
    }

    @Test
    void onlyDeliveredEntriesPastTheRetentionGoParkedPendingAndRecentOnesStay() {
        entries("old", 3, OutboxEntry.Status.DELIVERED, longAgo());
        entries("recent", 2, OutboxEntry.Status.DELIVERED, core.clock.now().minus(RETENTION).plusSeconds(1));
        entries("parked", 2, OutboxEntry.Status.PARKED, longAgo());
        entries("pending", 2, OutboxEntry.Status.PENDING, longAgo());

        assertThat(services.pruneDeliveries.pruneDelivered(RETENTION)).isEqualTo(3);

        assertThat(left(OutboxEntry.Status.DELIVERED)).as("delivered within the retention").isEqualTo(2);
        assertThat(left(OutboxEntry.Status.PARKED)).isEqualTo(2);
        assertThat(left(OutboxEntry.Status.PENDING)).isEqualTo(2);
    }

    @Test
    void whenStorageFailsMidwayTheBatchesAlreadyCommittedStayDeleted() {
        entries("old", 2 * BATCH, OutboxEntry.Status.DELIVERED, longAgo());
        core.transactions.afterEachCommit(() -> core.transactions.failWith(true));

        assertThatThrownBy(() -> services.pruneDeliveries.pruneDelivered(RETENTION))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));

        core.transactions.failWith(false);
        assertThat(core.outbox.all()).as("one batch went, in its own transaction; the rest waits for the next run")
                .hasSize(BATCH);
    }

    @Test
    void aRetentionThatIsNotPositiveIsRefusedAndDeletesNothing() {
        entries("old", 2, OutboxEntry.Status.DELIVERED, longAgo());

        assertThatThrownBy(() -> services.pruneDeliveries.pruneDelivered(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention");
        assertThatThrownBy(() -> services.pruneDeliveries.pruneDelivered(Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention");

        assertThat(core.outbox.all()).hasSize(2);
    }
}
