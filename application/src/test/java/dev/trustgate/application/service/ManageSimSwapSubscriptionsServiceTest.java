package dev.trustgate.application.service;

import dev.trustgate.domain.BusinessNumberId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.fakes.FakeSimSwapOperator;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase;
import dev.trustgate.application.port.out.SimSwapSubscription;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManageSimSwapSubscriptionsServiceTest extends ServiceTestSupport {

    private final FakeSimSwapOperator operator = new FakeSimSwapOperator();
    private final ManageSimSwapSubscriptionsService subscriptions = services.simSwapSubscriptions(core.simSwaps, operator);

    private void customer(String receipt, ContactNames names) {
        services.recordSignals.record(List.of(RecordIdentitySignalUseCase.Signal.of(Optional.of(receipt), BUSINESS, names,
                RecordIdentitySignalUseCase.Kind.OBSERVED, Optional.of(OLD), Instant.parse("2026-05-01T00:00:00Z"),
                SignalSource.WHATSAPP_MESSAGE, Optional.empty())));
    }

    @Test
    void everyCustomerKnownByANumberIsSubscribedOnceAndAgainOnlyWhenTheSubscriptionEnded() {
        customer("m1", ContactNames.of(WA_ID));
        customer("m2", ContactNames.of(new WaId("5511987654321")));
        customer("m3", ContactNames.of(new UserId("US.13491208655302741918")));

        List<SimSwapSubscription> first = subscriptions.subscribe(ADMIN, BUSINESS);
        List<SimSwapSubscription> again = subscriptions.subscribe(ADMIN, BUSINESS);

        assertThat(operator.subscribed()).containsExactlyInAnyOrder(WA_ID, new WaId("5511987654321"));
        assertThat(first).hasSize(2).allSatisfy(s -> assertThat(s.business()).isEqualTo(BUSINESS));
        assertThat(again).isEqualTo(first);

        SimSwapSubscription ended = first.get(0).with(SimSwapSubscription.Status.ENDED, Optional.of("SUBSCRIPTION_EXPIRED"),
                core.clock.now());
        core.transactions.inTransaction(() -> {
            core.simSwaps.save(ended);
            return null;
        });
        subscriptions.subscribe(ADMIN, BUSINESS);

        assertThat(operator.subscribed()).hasSize(3).endsWith(ended.phoneNumber());
    }

    @Test
    void aFailingOperatorKeepsTheSubscriptionsMadeBeforeIt() {
        customer("m1", ContactNames.of(WA_ID));
        customer("m2", ContactNames.of(new WaId("5511987654321")));
        operator.failAfter(1);

        assertThatThrownBy(() -> subscriptions.subscribe(ADMIN, BUSINESS))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR));

        assertThat(subscriptions.list(ADMIN, BUSINESS)).hasSize(1);
    }

    @Test
    void onlyTheAdminKeyManagesSubscriptions() {
        assertThatThrownBy(() -> subscriptions.subscribe(ALICE, BUSINESS)).isInstanceOf(TrustgateException.class);
        assertThatThrownBy(() -> subscriptions.list(ALICE, BUSINESS)).isInstanceOf(TrustgateException.class);
        assertThat(operator.subscribed()).isEmpty();
    }

    @Test
    void anIdTheOperatorAnswersThatAnotherBusinessNumbersSubscriptionHasNeverTakesThatSubscriptionOver() {
        BusinessNumberId other = OTHER_BUSINESS_CUSTOMER.business();
        SimSwapSubscription theirs = new SimSwapSubscription("sub-1", other, new WaId("4915100000001"), SimSwapSubscription.Status.ACTIVE,
                core.clock.now().minusSeconds(60), Optional.empty(), Optional.empty());
        core.transactions.inTransaction(() -> {
            core.simSwaps.save(theirs);
            return null;
        });
        customer("m1", ContactNames.of(WA_ID));

        assertThatThrownBy(() -> subscriptions.subscribe(ADMIN, BUSINESS))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR));

        assertThat(core.simSwaps.subscription("sub-1")).contains(theirs);
        assertThat(subscriptions.list(ADMIN, BUSINESS)).isEmpty();
    }
}
