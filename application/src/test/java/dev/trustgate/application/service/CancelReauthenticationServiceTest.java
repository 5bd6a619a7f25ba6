package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.in.CancelReauthenticationUseCase;
import dev.trustgate.application.port.in.ContactTrustView;
import dev.trustgate.application.port.in.StartReauthenticationUseCase;
import dev.trustgate.domain.ReauthenticationId;
import dev.trustgate.domain.ReauthenticationOutcome;
import dev.trustgate.domain.RejectionReason;
import dev.trustgate.domain.TrustState;
import org.junit.jupiter.api.Test;

class CancelReauthenticationServiceTest extends ServiceTestSupport {

    private ReauthenticationId started() {
        optIn();
        baseline();
        identityChanges();
        return changed(services.startReauthentication.start(new StartReauthenticationUseCase.Command(ALICE, CUSTOMER)))
                .contact().reauthentication().orElseThrow().id();
    }

    @Test
    void answersWithTheContactBlockedAgainInOneTransaction() {
        ReauthenticationId id = started();
        int before = core.transactions.count();

        ContactTrustView view = changed(services.cancelReauthentication.cancel(
                new CancelReauthenticationUseCase.Command(ALICE, CUSTOMER, id)));

        assertThat(core.transactions.count() - before).isEqualTo(1);
        assertThat(view.contact()).isEqualTo(stored());
        assertThat(view.contact().state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        assertThat(view.contact().reauthentication().orElseThrow().outcome()).isEqualTo(ReauthenticationOutcome.CANCELLED);
        assertThat(eventTypes()).endsWith("reauthentication.cancelled");
    }

    @Test
    void anotherReauthenticationIdIsRefusedAsUnknown() {
        started();

        assertThat(rejected(services.cancelReauthentication.cancel(
                new CancelReauthenticationUseCase.Command(ALICE, CUSTOMER, new ReauthenticationId("reauth_other")))))
                .satisfies(r -> {
                    assertThat(r.reason()).isEqualTo(RejectionReason.UNKNOWN_REAUTHENTICATION);
                    assertThat(r.state()).isEqualTo(TrustState.RE_AUTHENTICATING);
                });
        assertThat(stored().state()).isEqualTo(TrustState.RE_AUTHENTICATING);
    }
}
