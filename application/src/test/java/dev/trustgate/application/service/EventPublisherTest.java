package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.in.ManageSubscriptionsUseCase;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every event a use case publishes is queued for each subscription that asked for it, in the use case's transaction. */
class EventPublisherTest extends ServiceTestSupport {

    @Test
    void everyEventIsQueuedForEachMatchingSubscriptionInTheSameTransaction() {
        ManageSubscriptionsUseCase.Created all = services.subscriptions.create(new ManageSubscriptionsUseCase.CreateCommand(
                ALICE, "http://crm.internal/hooks", Set.of(), Set.of()));
        services.subscriptions.create(new ManageSubscriptionsUseCase.CreateCommand(
                ALICE, "https://crm.example/broken", Set.of("trust.broken"), Set.of()));
        services.subscriptions.create(new ManageSubscriptionsUseCase.CreateCommand(
                MALLORY, "https://other.example/hooks", Set.of(), Set.of()));

        optIn();
        baseline();
        identityChanges();

        assertThat(all.secret()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(all.secret().substring(6))).hasSize(32);
        assertThat(all.subscription().businesses()).containsExactly(BUSINESS);
        var claimed = core.outbox.claimDue(core.clock.now(), 100, 100, Duration.ofMinutes(1));
        assertThat(claimed).extracting(c -> c.entry().destination())
                .containsExactlyInAnyOrder(all.subscription().id(), services.subscriptions.list(ALICE).get(1).id());
        assertThat(core.outbox.backlog(core.clock.now()).pending()).isEqualTo(4);
    }
}
