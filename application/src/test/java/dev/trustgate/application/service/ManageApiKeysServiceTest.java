package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.trustgate.application.Caller;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.ManageApiKeysUseCase;
import dev.trustgate.application.port.in.ManageSubscriptionsUseCase;
import dev.trustgate.application.port.out.ApiKey;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.application.port.out.Subscription;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManageApiKeysServiceTest extends ServiceTestSupport {

    private ManageApiKeysUseCase.Created create(String name) {
        return services.apiKeys.create(new ManageApiKeysUseCase.CreateCommand(ADMIN, name, Set.of(BUSINESS)));
    }

    private Subscription subscribe(Caller caller, String url) {
        return services.subscriptions.create(new ManageSubscriptionsUseCase.CreateCommand(caller, url, Set.of(), Set.of()))
                .subscription();
    }

    private boolean enabled(Subscription subscription) {
        return core.subscriptions.find(subscription.id()).orElseThrow().enabled();
    }

    private long queuedFor(Subscription subscription) {
        return core.outbox.all().stream().filter(e -> e.destination().equals(subscription.id()))
                .filter(e -> e.status() == OutboxEntry.Status.PENDING).count();
    }

    @Test
    void anApiKeyIsShownOnceStoredHashedAndStopsWorkingWhenRevoked() {
        ManageApiKeysUseCase.Created created = services.apiKeys.create(
                new ManageApiKeysUseCase.CreateCommand(ADMIN, "crm", Set.of(BUSINESS)));

        assertThat(created.key()).startsWith("tg_");
        assertThat(core.apiKeys.list()).singleElement().satisfies(k -> assertThat(k.keyHash()).doesNotContain(created.key()));
        Caller caller = services.authenticate.authenticate(created.key()).orElseThrow();
        assertThat(caller.admin()).isFalse();
        assertThat(caller.businesses()).containsExactly(BUSINESS);

        services.apiKeys.revoke(ADMIN, created.apiKey().id());
        assertThat(services.authenticate.authenticate(created.key())).isEmpty();
        assertThat(services.authenticate.authenticate("tg_wrong")).isEmpty();
        assertThat(services.authenticate.authenticate("")).isEmpty();
    }

    @Test
    void onlyTheAdminManagesKeys() {
        assertThatThrownBy(() -> services.apiKeys.create(new ManageApiKeysUseCase.CreateCommand(ALICE, "x", Set.of(BUSINESS))))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void aKeyThatIsNotTheAdminsNeitherListsNorRevokesKeys() {
        ManageApiKeysUseCase.Created crm = create("crm");
        Caller crmCaller = services.authenticate.authenticate(crm.key()).orElseThrow();

        assertThatThrownBy(() -> services.apiKeys.list(crmCaller))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> services.apiKeys.revoke(crmCaller, crm.apiKey().id()))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));

        assertThat(services.authenticate.authenticate(crm.key())).as("still works").isPresent();
        assertThat(core.apiKeys.list()).singleElement().satisfies(k -> assertThat(k.active()).isTrue());
    }

    @Test
    void theAdminListsEveryKeyWithItsBusinessNumbersAndWhenItWasRevoked() {
        ManageApiKeysUseCase.Created crm = create("crm");
        ManageApiKeysUseCase.Created warehouse = create("warehouse");
        services.apiKeys.revoke(ADMIN, crm.apiKey().id());

        assertThat(services.apiKeys.list(ADMIN)).extracting(ApiKey::id, ApiKey::name, ApiKey::businesses, ApiKey::revokedAt)
                .containsExactlyInAnyOrder(
                        tuple(crm.apiKey().id(), "crm", Set.of(BUSINESS), Optional.of(core.clock.now())),
                        tuple(warehouse.apiKey().id(), "warehouse", Set.of(BUSINESS), Optional.empty()));
    }

    @Test
    void aKeyIsRotatedByCreatingItsSuccessorThenRevokingIt() {
        ManageApiKeysUseCase.Created old = create("crm");
        ManageApiKeysUseCase.Created successor = create("crm (rotated)");

        assertThat(successor.key()).isNotEqualTo(old.key());
        assertThat(successor.apiKey().id()).isNotEqualTo(old.apiKey().id());
        assertThat(services.authenticate.authenticate(old.key())).as("both work while the systems switch over").isPresent();
        assertThat(services.authenticate.authenticate(successor.key())).isPresent();

        services.apiKeys.revoke(ADMIN, old.apiKey().id());

        assertThat(services.authenticate.authenticate(old.key())).isEmpty();
        assertThat(services.authenticate.authenticate(successor.key())).hasValueSatisfying(c -> {
            assertThat(c.actor().id()).isEqualTo(successor.apiKey().id());
            assertThat(c.businesses()).containsExactly(BUSINESS);
        });
    }

    @Test
    void revokingAKeyDisablesItsSubscriptionsSoNothingMoreIsQueuedOrDeliveredForThem() {
        Caller crm = services.authenticate.authenticate(create("crm").key()).orElseThrow();
        ManageApiKeysUseCase.Created other = create("warehouse");
        Caller warehouse = services.authenticate.authenticate(other.key()).orElseThrow();
        Subscription revoked = subscribe(crm, "https://crm.example/hooks");
        Subscription kept = subscribe(warehouse, "https://warehouse.example/hooks");
        optIn();
        baseline();
        assertThat(queuedFor(revoked)).isEqualTo(1);

        services.apiKeys.revoke(ADMIN, crm.actor().id());
        identityChanges();
        while (services.deliverNotifications.deliverDue(10) > 0) {
            // deliver everything due
        }

        assertThat(enabled(revoked)).isFalse();
        assertThat(enabled(kept)).isTrue();
        assertThat(core.outbox.all()).filteredOn(e -> e.destination().equals(revoked.id()))
                .as("only what was queued before the revocation").hasSize(1);
        assertThat(core.notifications.attempts()).as("what was queued is dropped unsent")
                .allSatisfy(a -> assertThat(a.subscriptionId()).isEqualTo(kept.id()))
                .isNotEmpty();
    }

    @Test
    void revokingAnUnknownOrAlreadyRevokedKeyIsNotFound() {
        ManageApiKeysUseCase.Created crm = create("crm");
        services.apiKeys.revoke(ADMIN, crm.apiKey().id());

        assertThatThrownBy(() -> services.apiKeys.revoke(ADMIN, crm.apiKey().id()))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> services.apiKeys.revoke(ADMIN, "key_unknown"))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void theAdminKeyIsReplacedByConfigurationNeverRevoked() {
        services.apiKeys.ensureAdminKey(Optional.of("configured-admin-key-0123456789"));

        assertThatThrownBy(() -> services.apiKeys.revoke(ADMIN, ManageApiKeysService.ADMIN_KEY_ID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TRUSTGATE_ADMIN_KEY");

        assertThat(services.authenticate.authenticate("configured-admin-key-0123456789"))
                .hasValueSatisfying(c -> assertThat(c.admin()).isTrue());
    }

    @Test
    void aKeyNeedsANameAndAtLeastOneBusinessNumber() {
        assertThatThrownBy(() -> new ManageApiKeysUseCase.CreateCommand(ADMIN, "crm", Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phoneNumberIds");
        assertThatThrownBy(() -> new ManageApiKeysUseCase.CreateCommand(ADMIN, " ", Set.of(BUSINESS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> new ManageApiKeysUseCase.CreateCommand(ADMIN, "x".repeat(101), Set.of(BUSINESS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThat(core.apiKeys.list()).isEmpty();
    }

    @Test
    void theAdminKeyIsGeneratedOnceOnFirstStartOrTakenFromConfiguration() {
        ManageApiKeysService.AdminKeyStatus first = services.apiKeys.ensureAdminKey(Optional.empty());
        assertThat(first.source()).isEqualTo(ManageApiKeysService.AdminKeySource.GENERATED);
        Optional<String> generated = first.shownOnce();
        assertThat(generated).isPresent();
        ManageApiKeysService.AdminKeyStatus later = services.apiKeys.ensureAdminKey(Optional.empty());
        assertThat(later.shownOnce()).as("never printed again").isEmpty();
        assertThat(later.source()).isEqualTo(ManageApiKeysService.AdminKeySource.STORED);
        assertThat(services.authenticate.authenticate(generated.get())).hasValueSatisfying(c -> assertThat(c.admin()).isTrue());

        assertThat(services.apiKeys.ensureAdminKey(Optional.of("configured-admin-key-0123456789")).source())
                .isEqualTo(ManageApiKeysService.AdminKeySource.CONFIGURED);
        assertThat(services.authenticate.authenticate(generated.get())).isEmpty();
        assertThat(services.authenticate.authenticate("configured-admin-key-0123456789")).isPresent();
    }
}
