package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.fakes.RecordingNotificationSender.Attempt;
import dev.trustgate.application.port.in.ManageSubscriptionsUseCase;
import dev.trustgate.application.port.out.NotificationSender.Outcome;
import dev.trustgate.application.port.out.OutboxEntry;
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
            core.clock.advance(Duration.ofHours(2));
        }

        List<OutboxEntry> parked = services.parkedDeliveries.list(ALICE, 10);
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
    void theBackoffGrowsAndIsCapped() {
        assertThat(DeliverNotificationsService.backoff(1)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
        assertThat(DeliverNotificationsService.backoff(3)).isBetween(Duration.ofSeconds(16), Duration.ofSeconds(24));
        assertThat(DeliverNotificationsService.backoff(30)).isLessThanOrEqualTo(Duration.ofMinutes(72));
    }
}
