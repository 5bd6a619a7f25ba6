package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.in.ContactTrustView;
import dev.trustgate.application.port.in.RecordReauthenticationResultUseCase;
import dev.trustgate.application.port.in.StartReauthenticationUseCase;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.ReauthenticationId;
import dev.trustgate.domain.ReauthenticationOutcome;
import dev.trustgate.domain.RejectionReason;
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
}
