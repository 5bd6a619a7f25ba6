package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.RecordAuthenticationUseCase;
import dev.trustgate.application.port.in.RecordSimSwapNoticeUseCase.Kind;
import dev.trustgate.application.port.in.RecordSimSwapNoticeUseCase.Notice;
import dev.trustgate.application.port.in.RecordSimSwapNoticeUseCase.Outcome;
import dev.trustgate.application.port.in.SetSimSwapPolicyUseCase;
import dev.trustgate.application.port.out.SimSwapSubscription;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.SendDecision;
import dev.trustgate.domain.SimSwapPolicy;
import dev.trustgate.domain.TrustState;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordSimSwapNoticeServiceTest extends ServiceTestSupport {

    private static final String SWAPPED = "org.camaraproject.sim-swap-subscriptions.v0.swapped";
    private static final Instant T = Instant.parse("2026-06-01T11:00:00Z");

    private RecordSimSwapNoticeService intake;

    @BeforeEach
    void subscribed() {
        intake = services.simSwapNotices(core.simSwaps);
        core.transactions.inTransaction(() -> {
            core.simSwaps.save(new SimSwapSubscription("sub-1", BUSINESS, WA_ID, SimSwapSubscription.Status.ACTIVE, T.minusSeconds(3600),
                    Optional.empty(), Optional.empty()));
            return null;
        });
    }

    private Notice swap(String id, Instant time, Optional<WaId> number) {
        return new Notice("operator.example", id, Kind.SWAPPED, SWAPPED, time, "sub-1", number, Optional.empty());
    }

    private void trusted() {
        optIn();
        baseline();
        services.recordAuthentication.authenticated(new RecordAuthenticationUseCase.Command(ALICE, CUSTOMER, Evidence.NONE));
    }

    @Test
    void aSwapBreaksTrustByDefaultSoSensitiveSendsStopAndOrdinaryOnesContinue() {
        trusted();

        assertThat(intake.record(swap("e1", T, Optional.of(WA_ID)))).isEqualTo(Outcome.APPLIED);

        assertThat(stored().state()).isEqualTo(TrustState.UNVERIFIED);
        assertThat(stored().sendDecision(core.businesses.findOrUnknown(BUSINESS), true)).isInstanceOf(SendDecision.Blocked.class);
        assertThat(stored().sendDecision(core.businesses.findOrUnknown(BUSINESS), false)).isInstanceOf(SendDecision.Allowed.class);
        assertThat(eventTypes()).endsWith("contact.sim_swapped", "trust.broken");
    }

    @Test
    void underBlockASwapStopsEverySendUntilCleared() {
        trusted();
        services.setSimSwapPolicy.setSimSwapPolicy(new SetSimSwapPolicyUseCase.Command(ADMIN, BUSINESS, SimSwapPolicy.BLOCK));

        intake.record(swap("e1", T, Optional.of(WA_ID)));

        assertThat(stored().state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        assertThat(stored().pendingChange().orElseThrow().hash()).isEmpty();
        assertThat(stored().sendDecision(core.businesses.findOrUnknown(BUSINESS), false)).isInstanceOf(SendDecision.Blocked.class);
        assertThat(eventTypes()).endsWith("contact.sim_swapped", "identity.changed", "trust.broken");
    }

    @Test
    void theNumberIsMatchedByAnySpellingOfItAsEveryName() {
        // Brazil: the customer is known with the mobile ninth digit, the operator names the number without it
        WaId withNinth = new WaId("5511987654321");
        core.transactions.inTransaction(() -> {
            core.simSwaps.save(new SimSwapSubscription("sub-br", BUSINESS, withNinth, SimSwapSubscription.Status.ACTIVE, T.minusSeconds(60),
                    Optional.empty(), Optional.empty()));
            return null;
        });
        services.recordSignals.record(java.util.List.of(dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Signal.of(
                Optional.of("m-br"), BUSINESS, dev.trustgate.domain.ContactNames.of(withNinth),
                dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Kind.OBSERVED, Optional.of(OLD), T.minusSeconds(30),
                dev.trustgate.domain.SignalSource.WHATSAPP_MESSAGE, Optional.empty())));
        int contactsBefore = core.contacts.resolve(BUSINESS, java.util.List.of(withNinth)).size();

        intake.record(new Notice("operator.example", "e-br", Kind.SWAPPED, SWAPPED, T, "sub-br", Optional.of(new WaId("551187654321")),
                Optional.empty()));

        assertThat(contactsBefore).isEqualTo(1);
        assertThat(core.contacts.resolve(BUSINESS, java.util.List.of(new WaId("551187654321")))).isEmpty();
        assertThat(eventTypes()).endsWith("contact.sim_swapped");
    }

    @Test
    void aRedeliveryIsAcknowledgedWithoutASecondEffect() {
        trusted();
        intake.record(swap("e1", T, Optional.empty()));
        services.recordAuthentication.authenticated(new RecordAuthenticationUseCase.Command(ALICE, CUSTOMER, Evidence.NONE));
        int events = eventTypes().size();

        assertThat(intake.record(swap("e1", T, Optional.empty()))).isEqualTo(Outcome.DUPLICATE);

        assertThat(stored().state()).isEqualTo(TrustState.TRUSTED);
        assertThat(eventTypes()).hasSize(events);
    }

    @Test
    void anOlderSwapThanTheLastAppliedDoesNotUndoWhatTheBusinessDecidedSince() {
        trusted();
        intake.record(swap("e2", T, Optional.empty()));
        services.recordAuthentication.authenticated(new RecordAuthenticationUseCase.Command(ALICE, CUSTOMER, Evidence.NONE));

        assertThat(intake.record(swap("e1", T.minusSeconds(60), Optional.empty()))).isEqualTo(Outcome.IGNORED);

        assertThat(stored().state()).isEqualTo(TrustState.TRUSTED);
    }

    @Test
    void lifecycleNoticesMoveTheSubscriptionOnlyForwardInTime() {
        Notice ended = new Notice("operator.example", "e3", Kind.SUBSCRIPTION_ENDED,
                "org.camaraproject.sim-swap-subscriptions.v0.subscription-ended", T, "sub-1", Optional.empty(),
                Optional.of("SUBSCRIPTION_EXPIRED"));
        Notice olderStart = new Notice("operator.example", "e4", Kind.SUBSCRIPTION_STARTED,
                "org.camaraproject.sim-swap-subscriptions.v0.subscription-started", T.minusSeconds(10), "sub-1", Optional.empty(),
                Optional.empty());

        assertThat(intake.record(ended)).isEqualTo(Outcome.RECORDED);
        assertThat(intake.record(olderStart)).isEqualTo(Outcome.RECORDED);

        SimSwapSubscription subscription = core.simSwaps.subscription("sub-1").orElseThrow();
        assertThat(subscription.status()).isEqualTo(SimSwapSubscription.Status.ENDED);
        assertThat(subscription.statusReason()).contains("SUBSCRIPTION_EXPIRED");
        assertThat(eventTypes()).isEmpty();
    }

    @Test
    void aNoticeOfASubscriptionTrustgateDoesNotHoldIsNotFoundAndChangesNothing() {
        Notice stranger = new Notice("operator.example", "e9", Kind.SWAPPED, SWAPPED, T, "sub-unknown", Optional.of(WA_ID),
                Optional.empty());

        assertThatThrownBy(() -> intake.record(stranger))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(core.simSwaps.notices()).isZero();
    }

    @Test
    void aNoticeDatedInTheFutureCountsAsOfItsReceiptSoALaterSwapIsStillApplied() {
        trusted();
        // an operator's clock far ahead: the notice must not hide every later swap behind its date
        assertThat(intake.record(swap("e-future", Instant.parse("2999-01-01T00:00:00Z"), Optional.empty()))).isEqualTo(Outcome.APPLIED);
        services.recordAuthentication.authenticated(new RecordAuthenticationUseCase.Command(ALICE, CUSTOMER, Evidence.NONE));
        core.clock.advance(java.time.Duration.ofHours(1));

        assertThat(intake.record(swap("e-next", core.clock.now(), Optional.empty()))).isEqualTo(Outcome.APPLIED);

        assertThat(stored().state()).isEqualTo(TrustState.UNVERIFIED);
    }

    @Test
    void aNoticeNamingAnotherNumberThanItsSubscriptionWatchesIsRefusedAndChangesNothing() {
        trusted();
        WaId stranger = new WaId("16505559999");

        assertThatThrownBy(() -> intake.record(swap("e-other", T, Optional.of(stranger))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data.phoneNumber");

        assertThat(core.simSwaps.notices()).isZero();
        assertThat(core.contacts.resolve(BUSINESS, java.util.List.of(stranger))).isEmpty();
        assertThat(stored().state()).isEqualTo(TrustState.TRUSTED);
    }
}
