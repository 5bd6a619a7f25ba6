package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.out.SimSwapNotice;
import dev.trustgate.application.port.out.SimSwapSubscription;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.Fixtures;
import dev.trustgate.domain.WaId;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@MethodSource("dev.trustgate.adapters.persistence.Storages#kinds")
class SimSwapStoreContractTest extends StorageContract {

    private static final BusinessNumberId BUSINESS = new BusinessNumberId("106540352242922");
    private static final BusinessNumberId OTHER = new BusinessNumberId("999000111");

    SimSwapStoreContractTest() {
        super("sim-swaps");
    }

    private <T> T tx(Supplier<T> work) {
        return storage.tx(work);
    }

    private void save(SimSwapSubscription subscription) {
        tx(() -> {
            storage.simSwaps().save(subscription);
            return null;
        });
    }

    @Test
    void aSubscriptionIsFoundByItsIdAndListedWithItsBusinessOnly() {
        SimSwapSubscription first = new SimSwapSubscription("2ghy-55gg-7iup-yuo9", BUSINESS, new WaId("16505551234"),
                SimSwapSubscription.Status.ACTIVATION_REQUESTED, Fixtures.T0, Optional.empty(), Optional.of(Fixtures.t(86_400)));
        SimSwapSubscription second = new SimSwapSubscription("3abc", BUSINESS, new WaId("5511987654321"),
                SimSwapSubscription.Status.ACTIVE, Fixtures.t(1), Optional.empty(), Optional.empty());
        SimSwapSubscription foreign = new SimSwapSubscription("4xyz", OTHER, new WaId("16505551234"),
                SimSwapSubscription.Status.ACTIVE, Fixtures.t(1), Optional.empty(), Optional.empty());
        save(first);
        save(second);
        save(foreign);

        assertThat(tx(() -> storage.simSwaps().subscription("2ghy-55gg-7iup-yuo9"))).contains(first);
        assertThat(tx(() -> storage.simSwaps().subscription("nope"))).isEmpty();
        assertThat(tx(() -> storage.simSwaps().subscriptions(BUSINESS))).containsExactly(first, second);
    }

    @Test
    void savingASubscriptionAgainReplacesItsStatus() {
        SimSwapSubscription started = new SimSwapSubscription("sub-1", BUSINESS, new WaId("16505551234"),
                SimSwapSubscription.Status.ACTIVE, Fixtures.T0, Optional.empty(), Optional.empty());
        save(started);
        SimSwapSubscription ended = started.with(SimSwapSubscription.Status.ENDED, Optional.of("SUBSCRIPTION_EXPIRED"), Fixtures.t(60));
        save(ended);

        assertThat(tx(() -> storage.simSwaps().subscription("sub-1"))).contains(ended);
    }

    @Test
    void aNoticeIsRecordedOnceBySourceAndIdWithoutAnErrorInTheTransaction() {
        SimSwapNotice notice = new SimSwapNotice("supertelco.notificationSendServer12", "123655", BUSINESS, "sub-1",
                "org.camaraproject.sim-swap-subscriptions.v0.swapped", Fixtures.T0, Fixtures.t(1));

        assertThat(tx(() -> storage.simSwaps().record(notice))).isTrue();
        boolean duplicateThenOther = tx(() -> !storage.simSwaps().record(notice)
                && storage.simSwaps().record(new SimSwapNotice("another.source", "123655", BUSINESS, "sub-1", notice.type(),
                Fixtures.T0, Fixtures.t(2))));

        assertThat(duplicateThenOther).as("the same id from another source is another notice").isTrue();
    }

    @Test
    void theLastSwapAppliedToAContactOnlyMovesForward() {
        ContactKey contact = new ContactKey(BUSINESS, new dev.trustgate.domain.ContactId("ct_1"));
        ContactKey other = new ContactKey(BUSINESS, new dev.trustgate.domain.ContactId("ct_2"));
        assertThat(tx(() -> storage.simSwaps().lastApplied(contact))).isEmpty();

        tx(() -> {
            storage.simSwaps().applied(contact, Fixtures.t(100));
            storage.simSwaps().applied(contact, Fixtures.t(50));
            return null;
        });
        assertThat(tx(() -> storage.simSwaps().lastApplied(contact))).contains(Fixtures.t(100));

        tx(() -> {
            storage.simSwaps().applied(contact, Fixtures.t(200));
            return null;
        });
        assertThat(tx(() -> storage.simSwaps().lastApplied(contact))).contains(Fixtures.t(200));
        assertThat(tx(() -> storage.simSwaps().lastApplied(other))).isEmpty();
    }
}
