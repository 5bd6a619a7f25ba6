package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.ManageSubscriptionsUseCase;
import dev.trustgate.domain.EventType;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AccessAndNotificationsTest extends ServiceTestSupport {

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

    @Test
    void subscriptionsRefuseUnknownEventTypesBadUrlsAndOtherBusinesses() {
        assertThatThrownBy(() -> services.subscriptions.create(new ManageSubscriptionsUseCase.CreateCommand(
                ALICE, "http://crm", Set.of("trust.whatever"), Set.of()))).hasMessageContaining("unknown event type");
        assertThatThrownBy(() -> services.subscriptions.create(new ManageSubscriptionsUseCase.CreateCommand(
                ALICE, "ftp://crm", Set.of(), Set.of()))).hasMessageContaining("url");
        assertThatThrownBy(() -> services.subscriptions.create(new ManageSubscriptionsUseCase.CreateCommand(
                ALICE, "http://user:pw@crm", Set.of(), Set.of()))).hasMessageContaining("url");
        assertThatThrownBy(() -> services.subscriptions.create(new ManageSubscriptionsUseCase.CreateCommand(
                ALICE, "http://crm", Set.of(), Set.of(OTHER_BUSINESS_CUSTOMER.business()))))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(services.subscriptions.list(ADMIN)).isEmpty();
    }

    @Test
    void aSubscriptionMayAskForEveryTypeOfEventTheServerLists() {
        Set<String> every = Arrays.stream(EventType.values()).map(EventType::code).collect(Collectors.toSet());

        ManageSubscriptionsUseCase.Created created = services.subscriptions.create(new ManageSubscriptionsUseCase.CreateCommand(
                ALICE, "http://crm", every, Set.of()));

        assertThat(created.subscription().eventTypes()).containsExactlyInAnyOrderElementsOf(every)
                .contains("message.sent_across_change", "contact.number_changed", "contact.merged");
    }

    @Test
    void aKeySeesAndDeletesOnlyItsBusinessesSubscriptions() {
        ManageSubscriptionsUseCase.Created mine = services.subscriptions.create(new ManageSubscriptionsUseCase.CreateCommand(
                ALICE, "http://crm", Set.of(), Set.of()));

        assertThat(services.subscriptions.list(MALLORY)).isEmpty();
        assertThatThrownBy(() -> services.subscriptions.delete(MALLORY, mine.subscription().id()))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        services.subscriptions.delete(BOB, mine.subscription().id());
        assertThat(services.subscriptions.list(ADMIN)).isEmpty();
    }
}
