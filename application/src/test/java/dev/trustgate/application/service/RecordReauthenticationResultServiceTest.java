package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.fakes.FakeSimSwapOperator;
import dev.trustgate.application.port.in.ContactTrustView;
import dev.trustgate.application.port.in.SetSimSwapPolicyUseCase;
import dev.trustgate.application.port.in.RecordReauthenticationResultUseCase;
import dev.trustgate.application.port.in.StartReauthenticationUseCase;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.ReauthenticationId;
import dev.trustgate.domain.ReauthenticationOutcome;
import dev.trustgate.domain.RejectionReason;
import dev.trustgate.domain.SimSwapPolicy;
import dev.trustgate.domain.TrustState;
import org.junit.jupiter.api.Test;

class RecordReauthenticationResultServiceTest extends ServiceTestSupport {

    private ReauthenticationId started() {
        optIn();
        baseline();
        identityChanges();
        return changed(services.startReauthentication.start(new StartReauthenticationUseCase.Command(ALICE, CUSTOMER)))
                .contact().reauthentication().orElseThrow().id();
    }

    private RecordReauthenticationResultUseCase.Command result(ReauthenticationId id, boolean succeeded) {
        return new RecordReauthenticationResultUseCase.Command(ALICE, CUSTOMER, id, succeeded, new Evidence("otp_sms", "CASE-1", null, null));
    }

    @Test
    void aPassAnswersWithTheContactStillBlockedButVouchedForInOneTransaction() {
        ReauthenticationId id = started();
        int before = core.transactions.count();

        ContactTrustView view = changed(services.reauthenticationResult.record(result(id, true)));

        assertThat(core.transactions.count() - before).isEqualTo(1);
        assertThat(view.contact()).isEqualTo(stored());
        assertThat(view.contact().state()).isEqualTo(TrustState.RE_AUTHENTICATING);
        assertThat(view.contact().verifiedHash()).contains(NEW);
        assertThat(view.sendAllowed()).as("only the acknowledgement unblocks").isFalse();
    }

    @Test
    void aSecondOutcomeIsRefusedAndTheFirstStands() {
        ReauthenticationId id = started();
        services.reauthenticationResult.record(result(id, false));

        assertThat(rejected(services.reauthenticationResult.record(result(id, true)))).satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.INVALID_STATE);
            assertThat(r.state()).isEqualTo(TrustState.IDENTITY_CHANGED);
            assertThat(r.expectedStates()).containsExactly(TrustState.RE_AUTHENTICATING);
        });
        assertThat(stored().reauthentication().orElseThrow().outcome()).isEqualTo(ReauthenticationOutcome.FAILED);
    }

    @Test
    void underAPolicyThatAsksAPassIsCheckedWithTheOperatorAndRecordedWithTheCheckAsEvidence() {
        ReauthenticationId id = started();
        FakeSimSwapOperator operator = new FakeSimSwapOperator();
        services.setSimSwapPolicy.setSimSwapPolicy(new SetSimSwapPolicyUseCase.Command(ADMIN, BUSINESS, SimSwapPolicy.BREAK_TRUST, 240));

        ContactTrustView view = changed(services.reauthenticationResultCheckedBy(operator).record(result(id, true)));

        assertThat(view.contact().reauthentication().orElseThrow().outcome()).isEqualTo(ReauthenticationOutcome.SUCCEEDED);
        assertThat(core.events.read(BUSINESS, 0, 1000).get(core.events.read(BUSINESS, 0, 1000).size() - 1).data())
                .containsEntry("simSwappedWithinHours", "false").containsEntry("simSwapCheckHours", "240")
                .containsEntry("method", "otp_sms");
    }

    @Test
    void aCustomerWhoseSimWasSwappedLatelyDoesNotPassTheRecordSaysWhy() {
        ReauthenticationId id = started();
        FakeSimSwapOperator operator = new FakeSimSwapOperator();
        operator.swap(WA_ID);
        services.setSimSwapPolicy.setSimSwapPolicy(new SetSimSwapPolicyUseCase.Command(ADMIN, BUSINESS, SimSwapPolicy.BREAK_TRUST, 48));

        ContactTrustView view = changed(services.reauthenticationResultCheckedBy(operator).record(result(id, true)));

        assertThat(view.contact().state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        assertThat(view.contact().reauthentication().orElseThrow().outcome()).isEqualTo(ReauthenticationOutcome.FAILED);
        assertThat(view.contact().verifiedHash()).isEmpty();
        assertThat(eventTypes()).endsWith("reauthentication.failed");
        assertThat(core.events.read(BUSINESS, 0, 1000).get(core.events.read(BUSINESS, 0, 1000).size() - 1).data())
                .containsEntry("simSwappedWithinHours", "true").containsEntry("simSwapCheckHours", "48");
    }

    @Test
    void withoutAnOperatorAPassThePolicyWantsCheckedIsRefusedAndChangesNothing() {
        ReauthenticationId id = started();
        services.setSimSwapPolicy.setSimSwapPolicy(new SetSimSwapPolicyUseCase.Command(ADMIN, BUSINESS, SimSwapPolicy.BLOCK, 240));
        long version = stored().version();

        assertThatThrownBy(() -> services.reauthenticationResult.record(result(id, true)))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_BY_PROVIDER));

        assertThat(stored().version()).isEqualTo(version);
        assertThat(changed(services.reauthenticationResult.record(result(id, false))).contact().reauthentication().orElseThrow()
                .outcome()).as("a failure needs no check").isEqualTo(ReauthenticationOutcome.FAILED);
    }

    @Test
    void aPolicyChangedWhileTheOperatorIsAskedIsCheckedAgainUnderTheNewHoursNeverAnsweredAsAServerError() {
        ReauthenticationId id = started();
        FakeSimSwapOperator operator = new FakeSimSwapOperator();
        services.setSimSwapPolicy.setSimSwapPolicy(new SetSimSwapPolicyUseCase.Command(ADMIN, BUSINESS, SimSwapPolicy.BREAK_TRUST, 240));
        operator.whileChecking(() -> services.setSimSwapPolicy.setSimSwapPolicy(
                new SetSimSwapPolicyUseCase.Command(ADMIN, BUSINESS, SimSwapPolicy.BREAK_TRUST, 48)));

        ContactTrustView view = changed(services.reauthenticationResultCheckedBy(operator).record(result(id, true)));

        assertThat(view.contact().reauthentication().orElseThrow().outcome()).isEqualTo(ReauthenticationOutcome.SUCCEEDED);
        assertThat(core.events.read(BUSINESS, 0, 1000).get(core.events.read(BUSINESS, 0, 1000).size() - 1).data())
                .containsEntry("simSwapCheckHours", "48");
    }
}
