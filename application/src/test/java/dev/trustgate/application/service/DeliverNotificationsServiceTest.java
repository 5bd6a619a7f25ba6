package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.fakes.RecordingNotificationSender.Attempt;
import dev.trustgate.application.port.in.ManageSubscriptionsUseCase;
import dev.trustgate.application.port.out.NotificationSender.Outcome;
import dev.trustgate.application.port.in.ParkedDelivery;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.application.port.out.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeliverNotificationsServiceTest extends ServiceTestSupport {

    private String subscription;

    @BeforeEach
    void subscribe() {
        subscription = services.subscriptions.create(new ManageSubscriptionsUseCase.CreateCommand(ALICE, "http://crm/hooks",
                Set.of(), Set.of())).subscription().id();
        optIn();
    }

    private List<String> deliveredTypes() {
        return core.notifications.attempts().stream().filter(a -> a.outcome() instanceof Outcome.Delivered)
                .map(a -> a.event().type()).toList();
    }

    private void runDispatcher() {
        while (services.deliverNotifications.deliverDue(10) > 0) {
            // keep going until nothing is due now
        }
    }

    @Test
    void everyEventIsDeliveredOnceInOrder() {
        baseline();
        identityChanges();

        runDispatcher();

        assertThat(deliveredTypes()).containsExactly("identity.baseline", "identity.changed", "trust.broken");
        assertThat(core.notifications.attempts()).extracting(Attempt::subscriptionId).containsOnly(subscription);
        assertThat(core.outbox.backlog(core.clock.now()).pending()).isZero();
    }

    @Test
    void aFailedDeliveryIsRetriedWithBackoffKeepingItsIdAndHoldsBackLaterEventsOfTheContact() {
        baseline();
        identityChanges();
        core.notifications.answerNext(new Outcome.RetryLater("HTTP 503", Optional.empty()));

        runDispatcher();
        assertThat(deliveredTypes()).isEmpty();

        core.clock.advance(Duration.ofSeconds(7));
        runDispatcher();

        assertThat(deliveredTypes()).containsExactly("identity.baseline", "identity.changed", "trust.broken");
        List<Attempt> attempts = core.notifications.attempts();
        assertThat(attempts.get(0).deliveryId()).isEqualTo(attempts.get(1).deliveryId());
    }

    @Test
    void retryAfterIsHonoured() {
        baseline();
        core.notifications.answerNext(new Outcome.RetryLater("HTTP 429", Optional.of(Duration.ofSeconds(60))));

        runDispatcher();
        core.clock.advance(Duration.ofSeconds(30));
        runDispatcher();
        assertThat(deliveredTypes()).isEmpty();

        core.clock.advance(Duration.ofSeconds(31));
        runDispatcher();
        assertThat(deliveredTypes()).containsExactly("identity.baseline");
    }

    @Test
    void afterTheBudgetAnEntryIsParkedVisibleAndRedeliverable() {
        baseline();
        for (int i = 0; i < DeliverNotificationsService.BUDGET; i++) {
            core.notifications.answerNext(new Outcome.RetryLater("HTTP 500", Optional.empty()));
        }
        for (int i = 0; i < DeliverNotificationsService.BUDGET; i++) {
            runDispatcher();
            core.clock.advance(Duration.ofHours(12));
        }

        List<ParkedDelivery> parked = services.parkedDeliveries.list(ALICE, 10);
        assertThat(parked).singleElement().satisfies(e -> assertThat(e.lastError()).contains("HTTP 500"));
        assertThat(services.parkedDeliveries.list(MALLORY, 10)).isEmpty();
        assertThatThrownBy(() -> services.parkedDeliveries.redeliver(MALLORY, parked.get(0).id()))
                .isInstanceOf(TrustgateException.class);

        // the CRM is back, but the contact's later events wait behind the parked one: order is kept
        identityChanges();
        runDispatcher();
        assertThat(deliveredTypes()).isEmpty();

        services.parkedDeliveries.redeliver(ALICE, parked.get(0).id());
        runDispatcher();
        assertThat(deliveredTypes()).containsExactly("identity.baseline", "identity.changed", "trust.broken");
    }

    @Test
    void anEndpointThatIsGoneIsDisabled() {
        baseline();
        core.notifications.answerNext(new Outcome.Gone());

        runDispatcher();
        identityChanges();
        runDispatcher();

        assertThat(core.subscriptions.find(subscription)).hasValueSatisfying(s -> assertThat(s.enabled()).isFalse());
        assertThat(core.notifications.attempts()).hasSize(1);
    }

    @Test
    void retriesFollowTheSvixScheduleWithJitterThenTheEntryParks() {
        baseline();
        List<Duration> schedule = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
        assertThat(DeliverNotificationsService.BUDGET).isEqualTo(schedule.size());
        for (int attempt = 1; attempt <= schedule.size(); attempt++) {
            core.notifications.answerNext(new Outcome.RetryLater("HTTP 500", Optional.empty()));
            runDispatcher();
            assertThat(core.notifications.attempts()).as("attempt %d", attempt).hasSize(attempt);
            OutboxEntry entry = core.outbox.find(core.notifications.attempts().get(0).deliveryId()).orElseThrow();
            if (attempt == schedule.size()) {
                assertThat(entry.status()).isEqualTo(OutboxEntry.Status.PARKED);
                assertThat(entry.attempts()).isEqualTo(8);
                break;
            }
            Duration wait = Duration.between(core.clock.now(), entry.nextAttemptAt());
            Duration scheduled = schedule.get(attempt);
            assertThat(wait).as("wait after attempt %d", attempt)
                    .isBetween(scheduled.multipliedBy(9).dividedBy(10), scheduled.multipliedBy(11).dividedBy(10));
            core.clock.advance(wait.minusMillis(1));
            runDispatcher();
            assertThat(core.notifications.attempts()).as("not before its time").hasSize(attempt);
            core.clock.advance(Duration.ofMillis(1));
        }
    }

    @Test
    void retryAfterLengthensAWaitButNeverShortensItAndIsHeededUpToTenHours() {
        assertThat(DeliverNotificationsService.wait(1, Optional.of(Duration.ofSeconds(60)))).isEqualTo(Duration.ofSeconds(60));
        assertThat(DeliverNotificationsService.wait(3, Optional.of(Duration.ofSeconds(1)))).isGreaterThan(Duration.ofMinutes(27));
        assertThat(DeliverNotificationsService.wait(1, Optional.of(Duration.ofDays(2)))).isEqualTo(Duration.ofHours(10));
    }

    @Test
    void anEntryThatCannotBeAttemptedParksWithItsReasonAndTheRestOfTheClaimGoesOn() {
        Subscription legacy = new Subscription("sub_legacy", "key_alice", "http://crm.example/hooks%zz", Set.of(), Set.of(BUSINESS),
                new byte[32], true, core.clock.now());
        core.subscriptions.save(legacy);
        core.notifications.failFor(legacy.url(), new IllegalArgumentException("Malformed escape pair at index 25"));
        baseline();

        assertThat(services.deliverNotifications.deliverDue(10)).isEqualTo(2);

        assertThat(deliveredTypes()).containsExactly("identity.baseline");
        assertThat(services.parkedDeliveries.list(ALICE, 10)).singleElement().satisfies(parked -> {
            assertThat(parked.destination()).isEqualTo("sub_legacy");
            assertThat(parked.attempts()).isEqualTo(1);
            assertThat(parked.lastError()).hasValueSatisfying(error -> assertThat(error).contains("could not be attempted"));
        });
    }

    @Test
    void anEndpointThatCanNeverBeReachedParksAtOnce() {
        baseline();
        core.notifications.answerNext(new Outcome.Refused("the url cannot be used: no host"));

        runDispatcher();

        assertThat(services.parkedDeliveries.list(ALICE, 10)).singleElement()
                .satisfies(parked -> assertThat(parked.lastError()).contains("the url cannot be used: no host"));
    }

    @Test
    void theAttemptsOfAClaimRunOnTheWorkersItIsGiven() {
        baseline();
        List<Runnable> handedOver = new java.util.ArrayList<>();

        assertThat(services.deliverNotifications.deliverDue(10, handedOver::add)).isEqualTo(1);
        assertThat(core.notifications.attempts()).as("nothing ran on the claiming thread").isEmpty();

        handedOver.forEach(Runnable::run);
        assertThat(deliveredTypes()).containsExactly("identity.baseline");
    }
}
