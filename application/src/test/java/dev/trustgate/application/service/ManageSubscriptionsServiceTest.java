package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.Caller;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.ManageApiKeysUseCase;
import dev.trustgate.application.port.in.ManageSubscriptionsUseCase;
import dev.trustgate.application.port.out.Subscription;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.EventType;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ManageSubscriptionsServiceTest extends ServiceTestSupport {

    private static final int MAX = ManageSubscriptionsService.MAX_PER_BUSINESS;

    private ManageSubscriptionsUseCase.Created create(Caller caller, String url, Set<BusinessNumberId> businesses) {
        return services.subscriptions.create(new ManageSubscriptionsUseCase.CreateCommand(caller, url, Set.of(), businesses));
    }

    private void createMany(Caller caller, int count, Set<BusinessNumberId> businesses) {
        IntStream.range(0, count).forEach(i -> create(caller, "https://crm.example/hooks/" + i, businesses));
    }

    @Test
    void aSubscriptionIsStoredForTheKeyThatCreatedItAndItsSecretIsShownOnce() {
        ManageSubscriptionsUseCase.Created created = services.subscriptions.create(new ManageSubscriptionsUseCase.CreateCommand(
                ALICE, "https://crm.example/hooks", Set.of("trust.broken"), Set.of(BUSINESS)));

        assertThat(created.secret()).startsWith("whsec_");
        byte[] secret = Base64.getDecoder().decode(created.secret().substring("whsec_".length()));
        assertThat(secret).hasSize(32);
        assertThat(core.subscriptions.find(created.subscription().id())).hasValueSatisfying(s -> {
            assertThat(s.ownerKeyId()).isEqualTo(ALICE.actor().id());
            assertThat(s.url()).isEqualTo("https://crm.example/hooks");
            assertThat(s.eventTypes()).containsExactly("trust.broken");
            assertThat(s.businesses()).containsExactly(BUSINESS);
            assertThat(s.secret()).isEqualTo(secret);
            assertThat(s.enabled()).isTrue();
            assertThat(s.createdAt()).isEqualTo(core.clock.now());
        });
        assertThat(create(ALICE, "https://crm.example/hooks", Set.of()).secret()).as("every subscription its own secret")
                .isNotEqualTo(created.secret());
    }

    @Test
    void withoutBusinessNumbersAKeySubscribesToItsOwnAndTheAdminToEveryOne() {
        assertThat(create(ALICE, "http://crm", Set.of()).subscription().businesses()).containsExactly(BUSINESS);
        assertThat(create(ADMIN, "http://ops", Set.of()).subscription().businesses()).as("every business number").isEmpty();
        assertThat(create(ADMIN, "http://ops", Set.of(OTHER_BUSINESS_CUSTOMER.business())).subscription().businesses())
                .containsExactly(OTHER_BUSINESS_CUSTOMER.business());
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
    void aUrlTheSenderCannotCallIsRefusedWithItsReason() {
        assertThatThrownBy(() -> create(ALICE, "http://[::1", Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("url cannot be used: ");
        assertThatThrownBy(() -> create(ALICE, "http:// crm", Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("url");
        assertThatThrownBy(() -> new ManageSubscriptionsUseCase.CreateCommand(ALICE, "https://crm/" + "x".repeat(2000), Set.of(),
                Set.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("url");

        assertThat(core.subscriptions.list()).isEmpty();
    }

    @Test
    void aUrlDeliveriesMayNotGoToIsRefused() {
        TrustgateServices publicOnly = new TrustgateServices(core.ports(), url -> !url.contains("10.0.0.1"));

        assertThatThrownBy(() -> publicOnly.subscriptions.create(new ManageSubscriptionsUseCase.CreateCommand(ALICE,
                "http://10.0.0.1/hooks", Set.of(), Set.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("may not go to");
        assertThat(core.subscriptions.list()).isEmpty();

        publicOnly.subscriptions.create(new ManageSubscriptionsUseCase.CreateCommand(ALICE, "https://crm.example/hooks", Set.of(),
                Set.of()));
        assertThat(core.subscriptions.list()).hasSize(1);
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

    @Test
    void theAdminsSubscriptionForEveryBusinessNumberIsTheAdminsAlone() {
        Subscription everyOne = create(ADMIN, "http://ops", Set.of()).subscription();
        Subscription alices = create(ALICE, "http://crm", Set.of()).subscription();

        assertThat(services.subscriptions.list(ALICE)).containsExactly(alices);
        assertThat(services.subscriptions.list(ADMIN)).containsExactlyInAnyOrder(everyOne, alices);
        assertThatThrownBy(() -> services.subscriptions.delete(ALICE, everyOne.id()))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(core.subscriptions.find(everyOne.id())).isPresent();

        services.subscriptions.delete(ADMIN, everyOne.id());
        assertThat(core.subscriptions.find(everyOne.id())).isEmpty();
    }

    @Test
    void deletingAnUnknownSubscriptionIsNotFound() {
        assertThatThrownBy(() -> services.subscriptions.delete(ADMIN, "sub_unknown"))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aBusinessNumberHasAtMostTheMostAllowedUntilOneIsDeleted() {
        createMany(ALICE, MAX, Set.of());

        assertThatThrownBy(() -> create(ALICE, "https://one-too-many.example", Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("business number " + BUSINESS.value()).hasMessageContaining("delete one first");
        assertThat(core.subscriptions.list()).hasSize(MAX);
        assertThat(create(MALLORY, "https://other.example", Set.of()).subscription()).as("other business numbers are not full")
                .isNotNull();

        services.subscriptions.delete(ALICE, services.subscriptions.list(ALICE).get(0).id());
        create(ALICE, "https://one-too-many.example", Set.of());
        assertThat(services.subscriptions.list(ALICE)).hasSize(MAX);
    }

    @Test
    void theAdminsSubscriptionsForEveryBusinessNumberCountAgainstEachOne() {
        createMany(ADMIN, MAX - 1, Set.of());
        create(ALICE, "https://crm.example", Set.of());

        assertThatThrownBy(() -> create(ALICE, "https://crm.example/2", Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(BUSINESS.value());
        assertThatThrownBy(() -> create(ADMIN, "https://ops.example/10", Set.of()))
                .as("it would give " + BUSINESS.value() + " one too many")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(BUSINESS.value());
        assertThat(core.subscriptions.list()).hasSize(MAX);
    }

    @Test
    void theAdminHasAtMostTheMostAllowedForEveryBusinessNumber() {
        createMany(ADMIN, MAX, Set.of());

        assertThatThrownBy(() -> create(ADMIN, "https://ops.example/again", Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("for every business number");
        assertThat(core.subscriptions.list()).hasSize(MAX);
    }

    @Test
    void disabledSubscriptionsLeaveRoomForNewOnes() {
        ManageApiKeysUseCase.Created key = services.apiKeys.create(new ManageApiKeysUseCase.CreateCommand(ADMIN, "crm", Set.of(BUSINESS)));
        Caller crm = services.authenticate.authenticate(key.key()).orElseThrow();
        createMany(crm, MAX, Set.of());
        services.apiKeys.revoke(ADMIN, key.apiKey().id());

        create(ALICE, "https://crm.example/new", Set.of());

        assertThat(core.subscriptions.list()).filteredOn(Subscription::enabled).hasSize(1);
    }
}
