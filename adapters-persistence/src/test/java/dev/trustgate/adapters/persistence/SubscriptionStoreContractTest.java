package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.out.Subscription;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.Fixtures;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@MethodSource("dev.trustgate.adapters.persistence.Storages#kinds")
class SubscriptionStoreContractTest extends StorageContract {

    SubscriptionStoreContractTest() {
        super("subscriptions");
    }

    static final BusinessNumberId A = new BusinessNumberId("111");
    static final BusinessNumberId B = new BusinessNumberId("222");

    void save(Subscription s) {
        storage.tx(() -> {
            storage.subscriptions().save(s);
            return null;
        });
    }

    @Test
    void subscriptionsRoundTripAndAreFoundForTheBusinessesTheyCover() {
        Subscription all = new Subscription("sub_1", "admin", "http://crm/hooks", Set.of(), Set.of(), new byte[] {1, 2, 3},
                true, Fixtures.T0);
        Subscription broken = new Subscription("sub_2", "key_a", "https://crm/broken", Set.of("trust.broken", "trust.revoked"),
                Set.of(A), new byte[] {4, 5}, true, Fixtures.t(1));
        save(all);
        save(broken);

        assertThat(storage.tx(() -> storage.subscriptions().find("sub_2"))).contains(broken);
        assertThat(storage.tx(() -> storage.subscriptions().enabledFor(A))).containsExactly(all, broken);
        assertThat(storage.tx(() -> storage.subscriptions().enabledFor(B))).containsExactly(all);
        assertThat(broken.matches(A, "trust.broken")).isTrue();
        assertThat(broken.matches(A, "identity.baseline")).isFalse();

        save(all.disabled());
        assertThat(storage.tx(() -> storage.subscriptions().enabledFor(B))).isEmpty();
        assertThat(storage.tx(() -> storage.subscriptions().delete("sub_2"))).isTrue();
        assertThat(storage.tx(() -> storage.subscriptions().delete("sub_2"))).isFalse();
        assertThat(storage.tx(() -> storage.subscriptions().list())).containsExactly(all.disabled());
    }

    @Test
    void aSubscriptionIsFoundOnlyForTheExactNumbersItListsNotForNumbersThatContainThem() {
        Subscription several = new Subscription("sub_3", "key_b", "http://crm/several", Set.of(),
                Set.of(new BusinessNumberId("1111"), new BusinessNumberId("2220"), B), new byte[] {6}, true, Fixtures.T0);
        save(several);

        assertThat(storage.tx(() -> storage.subscriptions().enabledFor(B))).containsExactly(several);
        assertThat(storage.tx(() -> storage.subscriptions().enabledFor(new BusinessNumberId("1111")))).containsExactly(several);
        assertThat(storage.tx(() -> storage.subscriptions().enabledFor(new BusinessNumberId("2220")))).containsExactly(several);
        assertThat(storage.tx(() -> storage.subscriptions().enabledFor(A))).isEmpty();
        assertThat(storage.tx(() -> storage.subscriptions().enabledFor(new BusinessNumberId("22")))).isEmpty();
        assertThat(storage.tx(() -> storage.subscriptions().enabledFor(new BusinessNumberId("111")))).isEmpty();
    }
}
