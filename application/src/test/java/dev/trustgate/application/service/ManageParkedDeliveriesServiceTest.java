package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.ManageSubscriptionsUseCase;
import dev.trustgate.application.port.in.ParkedDelivery;
import dev.trustgate.application.port.out.NotificationSender.Outcome;
import dev.trustgate.application.port.out.OutboxEntry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManageParkedDeliveriesServiceTest extends ServiceTestSupport {

    /** The subscription's first delivery, parked at once: its endpoint can never be called. */
    private String subscriptionWithAParkedDelivery() {
        String subscription = services.subscriptions.create(new ManageSubscriptionsUseCase.CreateCommand(ALICE,
                "https://crm.example/hooks", Set.of(), Set.of())).subscription().id();
        baseline();
        core.notifications.answerNext(new Outcome.Refused("the URL cannot be used"));
        services.deliverNotifications.deliverDue(1);
        return subscription;
    }

    @Test
    void aParkedDeliveryShowsWhatWasToBeDeliveredWhereAndWhatWentWrong() {
        String subscription = subscriptionWithAParkedDelivery();

        List<ParkedDelivery> parked = services.parkedDeliveries.list(ALICE, 10);

        assertThat(parked).singleElement().satisfies(p -> {
            assertThat(p.business()).contains(BUSINESS);
            assertThat(p.kind()).isEqualTo(ParkedDelivery.Kind.EVENT);
            assertThat(p.destination()).isEqualTo(subscription);
            assertThat(p.eventSequence()).contains(1L);
            assertThat(p.attempts()).isEqualTo(1);
            assertThat(p.lastError()).contains("the URL cannot be used");
            assertThat(p.parkedAt()).isEqualTo(core.clock.now());
        });
    }

    @Test
    void anotherBusinessesKeyNeitherSeesNorRedeliversIt() {
        subscriptionWithAParkedDelivery();
        String id = services.parkedDeliveries.list(ALICE, 10).get(0).id();

        assertThat(services.parkedDeliveries.list(MALLORY, 10)).isEmpty();
        assertThatThrownBy(() -> services.parkedDeliveries.redeliver(MALLORY, id))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));

        services.parkedDeliveries.redeliver(ALICE, id);
        assertThat(core.outbox.find(id)).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(OutboxEntry.Status.PENDING));
    }
}
